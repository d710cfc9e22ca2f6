package org.custody.billing.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.billing.ListCursor;
import org.custody.billing.crypto.SubjectKeys;
import org.custody.platform.api.AccountName;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;

/**
 * Billing profiles (P3): who an account is billed as, and where. The details are sealed under
 * the subject's data key before they reach the store and opened only to answer a call.
 */
public final class BillingProfiles {
  private final BillingProfileStore store;
  private final SubjectKeys keys;
  private final Transactions transactions;
  private final RandomIds ids;
  private final Clock clock;

  public BillingProfiles(BillingProfileStore store, SubjectKeys keys, Transactions transactions, RandomIds ids, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
  }

  public BillingProfile create(AccountName subject, ProfileDetails details) {
    ProfileRules.checkNew(details, "billing_profile");
    ProfileDetails clean = ProfileRules.normalize(details);
    return transactions.inTransaction(() -> {
      SubjectKeys.Keyed key = keys.forWriting(subject);
      String id = ids.next();
      Instant now = clock.instant();
      store.insert(new BillingProfileStore.Sealed(id, subject, key.keyId(), ProfileCodec.seal(key.cipher(), id, clean), now, now));
      return new BillingProfile(id, subject, clean, now, now);
    });
  }

  public BillingProfile get(AccountName subject, String id) {
    return store.find(subject, id).map(this::open).orElseThrow(BillingProfiles::notFound);
  }

  /** A page of the subject's profiles, oldest first. */
  public Slice<BillingProfile> list(AccountName subject, String cursor, int size) {
    Optional<ListCursor> after = Optional.ofNullable(ListCursor.decode(cursor));
    return Slice.fetch(size, limit -> store.list(subject, after, limit).stream().map(this::open).toList(),
        p -> new ListCursor(p.createTime(), p.id()).encode());
  }

  /** Every profile of the subject (exports). */
  public List<BillingProfile> all(AccountName subject) {
    return store.list(subject, Optional.empty(), Integer.MAX_VALUE).stream().map(this::open).toList();
  }

  public BillingProfile update(AccountName subject, String id, ProfileChanges changes) {
    ProfileRules.checkChanges(changes, "billing_profile");
    return transactions.inTransaction(() -> {
      // The key first, as creation and erasure do: a concurrent erasure waits or has already won.
      SubjectKeys.Keyed key = keys.forWriting(subject);
      BillingProfileStore.Stored stored = store.findForUpdate(subject, id).orElseThrow(BillingProfiles::notFound);
      if (!stored.row().dataKeyId().equals(key.keyId())) {
        throw new IllegalStateException("billing profile " + id + " is sealed under another key than its subject's");
      }
      ProfileDetails current = ProfileCodec.open(key.cipher(), id, stored.row().sealedDetails());
      ProfileDetails updated = ProfileRules.normalize(changes.applyTo(current));
      Instant now = clock.instant();
      store.update(id, ProfileCodec.seal(key.cipher(), id, updated), now);
      return new BillingProfile(id, subject, updated, stored.row().createTime(), now);
    });
  }

  public void delete(AccountName subject, String id) {
    if (!store.delete(subject, id)) {
      throw notFound();
    }
  }

  private BillingProfile open(BillingProfileStore.Stored stored) {
    BillingProfileStore.Sealed row = stored.row();
    ProfileDetails details = ProfileCodec.open(keys.open(stored.key()), row.id(), row.sealedDetails());
    return new BillingProfile(row.id(), row.subject(), details, row.createTime(), row.updateTime());
  }

  private static DomainException notFound() {
    return DomainException.notFound("billing profile");
  }
}
