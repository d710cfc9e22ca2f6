package org.custody.disclosure.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.LedgerText;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.errors.FieldViolation;

/**
 * Versions of the privacy policy and the prominent notice of significant changes (P14). Versions
 * are immutable: publishing an id again with the same content returns the published version,
 * with different content is refused. Each publication and each acknowledgement is a ledger entry
 * (ids only). An account has a notice pending while it has not acknowledged the latest
 * significant version; acknowledging any published version is recorded (a non-significant or an
 * older one too, but only the latest significant one clears the notice).
 */
public final class Policies {
  private static final String EXISTS = "POLICY_VERSION_EXISTS";
  private static final String ACKNOWLEDGED = "ALREADY_ACKNOWLEDGED";

  private final PolicyStore store;
  private final PolicyNoticeCampaigns campaigns;
  private final Ledger ledger;

  public Policies(PolicyStore store, PolicyNoticeCampaigns campaigns, Ledger ledger) {
    this.store = store;
    this.campaigns = campaigns;
    this.ledger = ledger;
  }

  /**
   * Publishes {@code draft}; a significant version opens its notice campaign and lists the
   * primary account holders at once if identity answers (otherwise the campaign is retried).
   */
  public PolicyVersion publish(PolicyDraft draft) {
    PolicyVersion candidate = checked(draft);
    Optional<PolicyVersion> existing = store.find(candidate.id());
    if (existing.isPresent()) {
      return sameOrRefused(existing.get(), candidate);
    }
    PolicyVersion published;
    try {
      published = ledger.write(batch -> {
        long index = batch.append("policy.published", ledgerBody(candidate));
        PolicyVersion version = candidate.published(batch.time(), index);
        if (!store.insert(version)) {
          throw exists(); // published concurrently: rolls this entry back
        }
        if (version.significant()) {
          campaigns.open(version.id(), batch.time());
        }
        return version;
      });
    } catch (DomainException e) {
      if (!EXISTS.equals(e.reason())) {
        throw e;
      }
      return sameOrRefused(store.find(candidate.id()).orElseThrow(() -> e), candidate);
    }
    if (published.significant()) {
      campaigns.listNow(published.id());
    }
    return published;
  }

  public PolicyVersion get(String id) {
    return store.find(id).orElseThrow(() -> DomainException.notFound("policy version"));
  }

  /** Versions newest first. */
  public List<PolicyVersion> list(Optional<PolicyStore.Cursor> after, int limit) {
    return store.list(after, limit);
  }

  /** The latest significant version, if {@code account} has not acknowledged it. */
  public Optional<PolicyVersion> pendingNotice(String account) {
    return store.latestSignificant().filter(v -> store.acknowledgement(account, v.id()).isEmpty());
  }

  /** Records that {@code account} acknowledged a version; returns when it first did. */
  public Instant acknowledge(String account, String versionId) {
    PolicyVersion version = get(versionId);
    Optional<PolicyStore.Acknowledgement> earlier = store.acknowledgement(account, versionId);
    if (earlier.isPresent()) {
      return earlier.get().time();
    }
    try {
      return ledger.write(batch -> {
        // An account's ledger id is its name: an id, not an address.
        long index = batch.append("policy.acknowledged", Map.of("account", account, "policyVersion", version.name()));
        if (!store.insertAcknowledgement(new PolicyStore.Acknowledgement(account, versionId, batch.time(), index))) {
          throw DomainException.of(ErrorKind.ALREADY_EXISTS, ACKNOWLEDGED, "the account acknowledged the version already");
        }
        return batch.time();
      });
    } catch (DomainException e) {
      if (!ACKNOWLEDGED.equals(e.reason())) {
        throw e;
      }
      return store.acknowledgement(account, versionId).orElseThrow(() -> e).time();
    }
  }

  /** A significant version's campaign; NOT_FOUND for an unknown version or one without a campaign. */
  public NoticeCampaign campaign(String versionId) {
    get(versionId);
    return campaigns.status(versionId).orElseThrow(() -> DomainException.of(ErrorKind.NOT_FOUND, "NOTICE_CAMPAIGN_NOT_FOUND",
        "the policy version is not significant and has no notice campaign"));
  }

  private static PolicyVersion sameOrRefused(PolicyVersion existing, PolicyVersion candidate) {
    if (existing.sameContentAs(candidate)) {
      return existing;
    }
    throw exists();
  }

  private static DomainException exists() {
    return DomainException.of(ErrorKind.ALREADY_EXISTS, EXISTS, "a policy version with this id was published with other content; "
        + "versions are immutable: publish a new version id");
  }

  private static PolicyVersion checked(PolicyDraft draft) {
    List<FieldViolation> violations = new ArrayList<>();
    LocalDate effective = null;
    try {
      effective = LocalDate.parse(draft.effectiveDate());
    } catch (DateTimeParseException e) {
      violations.add(new FieldViolation("policy_version.effective_date", "must be a calendar date, YYYY-MM-DD"));
    }
    if (draft.summary().isBlank()) {
      violations.add(new FieldViolation("policy_version.summary", "must not be blank"));
    }
    if (draft.text().isPresent() == draft.url().isPresent()) {
      violations.add(new FieldViolation("policy_version.content", "must be either the text or an external text"));
    } else if (draft.text().filter(String::isBlank).isPresent()) {
      violations.add(new FieldViolation("policy_version.text", "must not be blank"));
    } else if (draft.url().isPresent() && draft.externalSha256().filter(h -> h.matches("[0-9a-f]{64}")).isEmpty()) {
      violations.add(new FieldViolation("policy_version.external.sha256", "must be the text's SHA-256, 64 lowercase hex digits"));
    }
    if (!violations.isEmpty()) {
      throw DomainException.invalid("POLICY_VERSION_INVALID", violations);
    }
    String sha256 = draft.text().map(Policies::sha256).orElseGet(() -> draft.externalSha256().orElseThrow());
    return new PolicyVersion(draft.id(), draft.text(), draft.url(), sha256, effective, draft.significant(), draft.summary().strip(),
        Instant.EPOCH, -1);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** What the ledger keeps of a publication: ids, the hash that pins the text, and when and whether it is notified. */
  private static Map<String, Object> ledgerBody(PolicyVersion version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("policyVersion", version.name());
    body.put("contentSha256", version.contentSha256());
    version.url().ifPresent(u -> body.put("url", LedgerText.about(u)));
    body.put("effectiveDate", version.effectiveDate().toString());
    body.put("significant", version.significant());
    return body;
  }
}
