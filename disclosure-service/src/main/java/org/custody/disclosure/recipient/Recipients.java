package org.custody.disclosure.recipient;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.custody.disclosure.ledger.Ledger;
import org.custody.platform.cache.BoundedCaches;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/**
 * The recipients registry (P11). Every change makes a new version, recorded in the ledger with
 * what decisions depend on, so a decision's recipient version can be checked later.
 */
public final class Recipients {
  private final RecipientStore store;
  private final Ledger ledger;
  private final Clock clock;
  /** Far more than any deployment registers: the bound only guards memory. */
  static final int CACHE_ENTRIES = 10_000;

  private final Duration cacheTtl;
  private final Cache<String, Recipient> cache;

  /**
   * @param cacheTtl how long {@link #forDecision} may answer from memory: a change made through
   *     another instance is seen by this one within it (this instance's own changes at once);
   *     meters {@code cache_*{cache="disclosure_recipients"}}
   */
  public Recipients(RecipientStore store, Ledger ledger, Clock clock, Duration cacheTtl, MeterRegistry registry) {
    this.store = store;
    this.ledger = ledger;
    this.clock = clock;
    this.cacheTtl = cacheTtl;
    this.cache = BoundedCaches.expiringAfterWrite("disclosure_recipients", CACHE_ENTRIES, cacheTtl, clock, registry);
  }

  public Recipients(RecipientStore store, Ledger ledger, Clock clock) {
    this(store, ledger, clock, Duration.ZERO, new SimpleMeterRegistry());
  }

  /**
   * The current version for a decision, from a short-lived cache: deciding is the hot path and a
   * registry read per decision is most of its database work. The decision records the version it
   * used, so what it was decided under stays checkable. An expired entry is reloaded by one caller
   * while concurrent ones wait for it (not one read each: Caffeine computes a missing entry once);
   * a change through this instance invalidates the entry after it committed, and that waits for a
   * load in progress, so a version read before the change cannot be put back after it.
   */
  public Recipient forDecision(String id) {
    if (cacheTtl.isZero()) {
      return get(id);
    }
    return cache.get(id, this::get);
  }

  /** Registers a recipient as version 1. Kind-specific fields must be present where the kind needs them. */
  public Recipient create(Recipient draft) {
    Recipient recipient = new Recipient(draft.id(), 1, draft.displayName().strip(), draft.kind(), draft.permittedPurposes(),
        draft.permittedCategories(), draft.nda(), draft.controllingEntity().map(String::strip), draft.noticeEmail(), clock.instant());
    checkComplete(recipient);
    return ledger.write(batch -> {
      Recipient stamped = recipient.withVersion(1, batch.time());
      store.insertFirstVersion(stamped);
      batch.append("recipient.versioned", stamped.ledgerBody());
      return stamped;
    });
  }

  /** Changes {@code fields} of the current version to their values in {@code values}, as a new version. */
  public Recipient update(String id, Set<RecipientField> fields, Recipient values) {
    if (fields.isEmpty()) {
      throw DomainException.invalidField("update_mask", "must name at least one field");
    }
    Recipient updated = ledger.write(batch -> {
      Recipient current = store.lockCurrent(id).orElseThrow(() -> DomainException.notFound("recipient"));
      Recipient next = new Recipient(id, current.version() + 1,
          fields.contains(RecipientField.DISPLAY_NAME) ? values.displayName().strip() : current.displayName(),
          current.kind(),
          fields.contains(RecipientField.PERMITTED_PURPOSES) ? values.permittedPurposes() : current.permittedPurposes(),
          fields.contains(RecipientField.PERMITTED_CATEGORIES) ? values.permittedCategories() : current.permittedCategories(),
          fields.contains(RecipientField.NDA) ? values.nda() : current.nda(),
          fields.contains(RecipientField.CONTROLLING_ENTITY) ? values.controllingEntity().map(String::strip) : current.controllingEntity(),
          fields.contains(RecipientField.NOTICE_EMAIL) ? values.noticeEmail() : current.noticeEmail(),
          batch.time());
      checkComplete(next);
      store.insertNextVersion(next);
      batch.append("recipient.versioned", next.ledgerBody());
      return next;
    });
    cache.invalidate(id);
    return updated;
  }

  public Recipient get(String id) {
    return store.findCurrent(id).orElseThrow(() -> DomainException.notFound("recipient"));
  }

  public Optional<Recipient> find(String id) {
    return store.findCurrent(id);
  }

  public Recipient version(String id, long version) {
    return store.findVersion(id, version).orElseThrow(() -> DomainException.notFound("recipient"));
  }

  public List<Recipient> list(String afterId, int limit) {
    return store.list(afterId, limit);
  }

  public List<Recipient> versions(String id) {
    List<Recipient> versions = store.versions(id);
    if (versions.isEmpty()) {
      throw DomainException.notFound("recipient");
    }
    return versions;
  }

  private static void checkComplete(Recipient r) {
    List<FieldViolation> violations = new ArrayList<>();
    if (r.displayName().isEmpty()) {
      violations.add(new FieldViolation("recipient.display_name", "must not be blank"));
    }
    if (r.kind() == RecipientKind.PROCESSOR_UNDER_NDA && r.nda().isEmpty()) {
      violations.add(new FieldViolation("recipient.nda", "a processor under NDA needs its agreement"));
    }
    if (r.kind() != RecipientKind.PROCESSOR_UNDER_NDA && r.nda().isPresent()) {
      violations.add(new FieldViolation("recipient.nda", "only processors under NDA have an agreement"));
    }
    if (r.kind() == RecipientKind.AFFILIATE && r.controllingEntity().filter(c -> !c.isEmpty()).isEmpty()) {
      violations.add(new FieldViolation("recipient.controlling_entity", "an affiliate needs its controlling entity"));
    }
    if (r.kind() != RecipientKind.AFFILIATE && r.controllingEntity().isPresent()) {
      violations.add(new FieldViolation("recipient.controlling_entity", "only affiliates have a controlling entity"));
    }
    // These go into the ledger verbatim, where no address may appear.
    if (r.nda().filter(n -> n.reference().indexOf('@') >= 0).isPresent()) {
      violations.add(new FieldViolation("recipient.nda.reference", "must be a contract reference, not an address"));
    }
    if (r.controllingEntity().filter(c -> c.indexOf('@') >= 0).isPresent()) {
      violations.add(new FieldViolation("recipient.controlling_entity", "must be an organisation's name, not an address"));
    }
    if (!violations.isEmpty()) {
      throw DomainException.invalid("RECIPIENT_INCOMPLETE", violations);
    }
  }
}
