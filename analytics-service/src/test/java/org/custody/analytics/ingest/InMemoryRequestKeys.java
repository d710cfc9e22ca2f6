package org.custody.analytics.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.analytics.ingest.JournalStore.Appended;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/**
 * The request ids a journal has recorded, with the jOOQ journal's semantics (per project, the
 * fingerprint decides between a retry and a reuse, purged by age). Shared by the in-memory
 * journals so that they cannot drift apart from each other; {@link JournalStoreContract} keeps
 * them faithful to the jOOQ store.
 */
public final class InMemoryRequestKeys {
  private record Recorded(byte[] fingerprint, int recordedCount, Instant createTime) {}

  private final Map<String, Recorded> recorded = new HashMap<>();

  /**
   * The answer to a retry of {@code key} in {@code projectId}, or empty when the id is new (it is
   * then recorded with {@code views}, and the caller must record the batch).
   *
   * @throws DomainException REQUEST_ID_REUSED when the id was recorded with another fingerprint
   */
  public synchronized Optional<Appended> claim(String projectId, RequestKey key, int views, Instant now) {
    String id = projectId + "/" + key.requestId();
    Recorded first = recorded.get(id);
    if (first == null) {
      recorded.put(id, new Recorded(key.fingerprint().clone(), views, now));
      return Optional.empty();
    }
    if (!java.util.Arrays.equals(first.fingerprint(), key.fingerprint())) {
      throw DomainException.invalid("REQUEST_ID_REUSED",
          List.of(new FieldViolation("request_id", "was already used for a different request")));
    }
    return Optional.of(new Appended(first.recordedCount(), true));
  }

  /** Forgets the ids recorded before the cutoff; returns how many. */
  public synchronized int purge(Instant before) {
    int size = recorded.size();
    recorded.values().removeIf(r -> r.createTime().isBefore(before));
    return size - recorded.size();
  }
}
