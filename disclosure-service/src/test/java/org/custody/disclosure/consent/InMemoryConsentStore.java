package org.custody.disclosure.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.disclosure.ledger.Transaction;
import org.custody.platform.db.WriteConflict;

/**
 * Consents in a map, written on commit, for unit tests; {@link ConsentStoreContract} holds it to
 * the jOOQ store's semantics (newest first by grant time then id, live = unrevoked and unexpired).
 */
public final class InMemoryConsentStore implements ConsentStore {
  private static final Comparator<Consent> NEWEST_FIRST =
      Comparator.comparing(Consent::grantTime).thenComparing(Consent::id).reversed();

  private final Map<String, Consent> consents = new TreeMap<>();

  @Override
  public synchronized void insert(Transaction tx, Consent consent) {
    if (consents.containsKey(consent.id())) {
      // The primary key refuses the row, and with it the transaction (before anything of it is applied).
      throw new WriteConflict("the consent id is taken");
    }
    InMemoryTransactions.onCommit(tx, () -> {
      synchronized (this) {
        consents.putIfAbsent(consent.id(), consent);
      }
    });
  }

  @Override
  public synchronized Optional<Consent> lock(Transaction tx, String id) {
    // In-memory transactions run one at a time: reading inside one is as good as a row lock.
    return find(id);
  }

  @Override
  public synchronized void markRevoked(Transaction tx, String id, Instant time, long ledgerIndex) {
    InMemoryTransactions.onCommit(tx, () -> {
      synchronized (this) {
        consents.computeIfPresent(id, (k, c) -> c.revoked(time, ledgerIndex));
      }
    });
  }

  @Override
  public synchronized Optional<Consent> find(String id) {
    return Optional.ofNullable(consents.get(id));
  }

  @Override
  public synchronized List<Consent> list(String subjectKey, Optional<Instant> liveAt, Optional<Cursor> after, int limit) {
    Predicate<Consent> afterCursor = c -> after.map(cursor -> c.grantTime().isBefore(cursor.grantTime())
        || c.grantTime().equals(cursor.grantTime()) && c.id().compareTo(cursor.id()) < 0).orElse(true);
    return consents.values().stream()
        .filter(c -> c.subject().key().equals(subjectKey))
        .filter(c -> liveAt.map(now -> isLive(c, now)).orElse(true))
        .filter(afterCursor)
        .sorted(NEWEST_FIRST)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<Consent> live(Collection<String> subjectKeys, String recipientId, Instant now) {
    return consents.values().stream()
        .filter(c -> c.recipientId().equals(recipientId) && subjectKeys.contains(c.subject().key()) && isLive(c, now))
        .toList();
  }

  /** As the SQL says: not revoked, and no expiry or one after {@code now}. */
  private static boolean isLive(Consent consent, Instant now) {
    return consent.revokeTime().isEmpty() && consent.expireTime().map(expiry -> expiry.isAfter(now)).orElse(true);
  }
}
