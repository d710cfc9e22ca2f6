package org.custody.disclosure.erasure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.rights.SubjectAuthorization;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.idempotency.RequestReplay;
import org.custody.platform.subject.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure requests (P13). A request is recorded first, with one pending step per service and an
 * {@code erasure.requested} ledger entry, in one transaction; {@link ErasureSaga} then carries
 * it out. The same request twice (same caller and request id) returns the same erasure; a
 * different request for a subject whose erasure is in progress returns that erasure (the
 * subject's wish is already being carried out; a second saga would only race the first).
 */
public final class Erasures {
  private static final Logger log = LoggerFactory.getLogger(Erasures.class);
  /** The service name of disclosure's own step, always the last. */
  public static final String DISCLOSURE = "disclosure";

  private final ErasureStore store;
  private final LeafErasures leaves;
  private final SubjectAuthorization authorization;
  private final SubjectPseudonyms pseudonyms;
  private final Ledger ledger;
  private final Clock clock;
  private final Runnable soon;

  /**
   * @param soon asks the saga to run soon (after a new erasure was recorded)
   */
  public Erasures(ErasureStore store, LeafErasures leaves, SubjectAuthorization authorization, SubjectPseudonyms pseudonyms,
      Ledger ledger, Clock clock, Runnable soon) {
    this.store = store;
    this.leaves = leaves;
    this.authorization = authorization;
    this.pseudonyms = pseudonyms;
    this.ledger = ledger;
    this.clock = clock;
    this.soon = soon;
  }

  /**
   * Records an erasure of {@code subject}, or returns the one this request (or an earlier one for
   * the same subject, still in progress) recorded.
   *
   * @param requestHash the keyed fingerprint of the request, to refuse a reused request id
   */
  public Erasure request(String caller, Purpose purpose, Subject subject, Optional<String> sessionToken, String requestId,
      byte[] requestHash) {
    authorization.check(caller, purpose, subject, sessionToken);
    Optional<Erasure> earlier = earlier(caller, requestId, requestHash, subject);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    String ledgerId = pseudonyms.ledgerIds(List.of(subject)).get(subject);
    String id = UUID.randomUUID().toString();
    Optional<LeafErasures.ReceiptAddress> address = subject.email().map(e -> new LeafErasures.ReceiptAddress(e, Optional.empty()));
    List<String> services = new ArrayList<>(leaves.services());
    services.add(DISCLOSURE);
    // The erasure's unique keys on (caller, request id) and on the subject's active erasure are
    // the request's record: a twin recorded first makes this write lose one at commit.
    RequestReplay.Answer<Erasure> answer = RequestReplay.firstOrRecorded(() -> {
      ledger.write(batch -> {
        Instant now = batch.time();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("erasure", "erasures/" + id);
        body.put("subject", ledgerId);
        body.put("services", services);
        long index = batch.append("erasure.requested", body);
        List<ErasureStep> steps = services.stream().map(s -> new ErasureStep(s, StepState.PENDING, UUID.randomUUID().toString(), 0,
            Optional.of(now), Optional.empty(), Optional.empty())).toList();
        Erasure erasure = new Erasure(id, subject.project(), Optional.of(subject), ledgerId, ErasureState.IN_PROGRESS, steps, List.of(),
            now, Optional.empty(), index, Optional.empty());
        store.insert(batch.tx(), new ErasureStore.NewErasure(erasure, caller, requestId, requestHash, subject.key(), address));
        return index;
      });
      return get(id);
    }, () -> earlier(caller, requestId, requestHash, subject));
    if (!answer.replayed()) {
      log.info("erasure requested erasure={} services={} caller={}", id, services.size(), caller);
      soon.run();
    }
    return answer.value();
  }

  private Optional<Erasure> earlier(String caller, String requestId, byte[] requestHash, Subject subject) {
    Optional<ErasureStore.Requested> same = store.findByRequest(caller, requestId);
    if (same.isPresent()) {
      return Optional.of(new RequestReplay.Recorded<>(same.get().requestHash(), same.get().erasure()).answerFor(requestHash));
    }
    return store.activeFor(subject.key());
  }

  public Erasure get(String id) {
    return store.find(id).orElseThrow(() -> DomainException.notFound("erasure"));
  }

  public List<Erasure> list(Optional<ErasureStore.Cursor> after, int limit) {
    return store.list(after, limit);
  }
}
