package org.custody.analytics.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.custody.analytics.ingest.JournalStore.Appended;
import org.custody.platform.errors.DomainException;
import org.custody.platform.idempotency.RequestReplay;

/**
 * The request ids a journal has recorded, with the jOOQ journal's semantics (per project; the
 * platform's {@link RequestReplay} tells a retry from a reuse by the fingerprint; purged by age).
 * Shared by the in-memory journals so that they cannot drift apart from each other;
 * {@link JournalStoreContract} keeps them faithful to the jOOQ store.
 */
public final class InMemoryRequestKeys {
  private record Claim(RequestReplay.Recorded<Integer> recorded, Instant createTime) {}

  private final Map<String, Claim> claims = new HashMap<>();

  /**
   * The answer to a retry of {@code key} in {@code projectId}, or empty when the id is new (it is
   * then recorded with {@code views}, and the caller must record the batch).
   *
   * @throws DomainException REQUEST_ID_REUSED when the id was recorded with another fingerprint
   */
  public synchronized Optional<Appended> claim(String projectId, RequestKey key, int views, Instant now) {
    String id = projectId + "/" + key.requestId();
    Claim first = claims.get(id);
    if (first == null) {
      claims.put(id, new Claim(new RequestReplay.Recorded<>(key.fingerprint(), views), now));
      return Optional.empty();
    }
    return Optional.of(new Appended(first.recorded().answerFor(key.fingerprint()), true));
  }

  /** Forgets the ids recorded before the cutoff; returns how many. */
  public synchronized int purge(Instant before) {
    int size = claims.size();
    claims.values().removeIf(c -> c.createTime().isBefore(before));
    return size - claims.size();
  }
}
