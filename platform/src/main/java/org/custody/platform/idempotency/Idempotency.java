package org.custody.platform.idempotency;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.grpc.Context;
import io.grpc.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.custody.platform.access.CallContext;
import org.custody.platform.db.RollbackVictims;
import org.custody.platform.db.ServiceSecrets;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a mutation safe to retry (AIP-155). The first call with a {@code request_id} claims the
 * key with a lease, runs the action and keeps what a retry needs; a retry of the same request gets
 * the first result back without running the action again; the same id with a different request
 * is refused (INVALID_ARGUMENT, REQUEST_ID_REUSED, as {@link RequestReplay} refuses it for every
 * mutation); a duplicate arriving while the first is still
 * running waits for it and answers what it answered ({@link DuplicateWait}, the same in every
 * service). If the action fails, the claim is released
 * so a retry runs it afresh. If the process dies mid-action, the lease expires and the next retry
 * runs it. Keys are scoped to the caller and request type and kept for the retention period
 * (48 hours by default), then purged.
 *
 * <h2>No personal data at rest in the keys</h2>
 * A key outlives the data it answered for: a subject may be erased while a key naming them is
 * still kept. So the table {@code custody_idempotency} must hold nothing personal:
 * <ul>
 *   <li>The request is kept only as a {@linkplain RequestFingerprints fingerprint}: HMAC-SHA-256
 *       under a secret of the service (created on first use, shared through the database by every
 *       instance), computed without the request's credential fields (passwords, session tokens),
 *       so neither a guessed e-mail address nor a password list can be checked against it.
 *   <li><b>The rule for replies:</b> a mutation whose reply carries personal data (any field
 *       classified with a data category, e.g. a created account or billing profile) must use
 *       {@link #executeByReference}: only a reference to what it made (its resource name) is kept,
 *       and a retry re-reads the resource through it. A retry after the resource was erased or
 *       deleted therefore gets what the re-read gives (typically NOT_FOUND), never the erased data.
 *       Only a reply without personal data (a survey definition, a key version, an erasure
 *       receipt, an empty reply) may be kept whole with {@link #execute}; a reply that breaks
 *       the rule is still kept (so retries work) and logged once per type as a warning.
 * </ul>
 */
public final class Idempotency {
  private static final Table<Record> KEYS = table(name("custody_idempotency"));
  private static final Field<String> CALLER = field(name("caller"), String.class);
  private static final Field<String> REQUEST_TYPE = field(name("request_type"), String.class);
  private static final Field<String> REQUEST_ID = field(name("request_id"), String.class);
  private static final Field<byte[]> REQUEST_HASH = field(name("request_hash"), byte[].class);
  private static final Field<byte[]> RESPONSE = field(name("response"), byte[].class);
  private static final Field<String> REFERENCE = field(name("reference"), String.class);
  private static final Field<LocalDateTime> LEASE_UNTIL = field(name("lease_until"), LocalDateTime.class);
  /** After a call's deadline: a commit already sent may still apply for a moment. */
  private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(5);
  private static final Field<LocalDateTime> CREATE_TIME = field(name("create_time"), LocalDateTime.class);
  /** The name of the fingerprint key among the service's secrets. */
  static final String FINGERPRINT_SECRET = "idempotency-fingerprint";
  private static final int MAX_REFERENCE = 512;
  private static final Logger log = LoggerFactory.getLogger(Idempotency.class);

  private final DSLContext dsl;
  private final Clock clock;
  private final Duration retention;
  private final Duration lease;
  private final Supplier<byte[]> fingerprintKey;
  private volatile RequestFingerprints fingerprints;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /**
   * @param fingerprintKey the key of request fingerprints (at least 32 bytes, the same on every
   *     instance of the service), asked for once, on first use
   */
  public Idempotency(DSLContext dsl, Clock clock, Duration retention, Duration lease, Supplier<byte[]> fingerprintKey) {
    if (retention.compareTo(Duration.ofHours(24)) < 0) {
      throw new IllegalArgumentException("idempotency keys must be kept at least 24 hours");
    }
    this.dsl = dsl;
    this.clock = clock;
    this.retention = retention;
    this.lease = lease;
    this.fingerprintKey = fingerprintKey;
  }

  /** Fingerprints keyed by the service's own secret, kept in its database. */
  public Idempotency(DSLContext dsl, Clock clock, Duration retention, Duration lease) {
    this(dsl, clock, retention, lease, () -> new ServiceSecrets(dsl, clock).get(FINGERPRINT_SECRET));
  }

  public Idempotency(DSLContext dsl, Clock clock) {
    this(dsl, clock, Duration.ofHours(48), Duration.ofMinutes(2));
  }

  /**
   * Runs {@code action} once per (caller, request type, requestId) and keeps its reply whole for
   * retries. Only for replies without personal data (see the class comment); otherwise use
   * {@link #executeByReference}.
   *
   * @param requestId the request's {@code request_id}; empty means "not idempotent", run directly
   */
  public <T extends Message> T execute(String requestId, Message request, Parser<T> parser, Supplier<T> action) {
    return run(requestId, request, action, reply -> {
      warnIfPersonal(reply);
      return Kept.response(reply);
    }, kept -> {
      if (kept.response() == null) {
        throw new IllegalStateException("the kept result of this request is a reference, not a reply");
      }
      try {
        return parser.parseFrom(kept.response());
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("stored idempotent response is unreadable", e);
      }
    });
  }

  /**
   * Runs {@code action} once per (caller, request type, requestId), keeping only a reference to
   * what it made: for mutations whose reply carries personal data. The first call returns the
   * action's result; a retry returns {@code reread} of the kept reference.
   *
   * @param requestId the request's {@code request_id}; empty means "not idempotent", run directly
   * @param action makes the resource
   * @param reference what to keep of the result: its resource name, which must hold no personal
   *     data beyond an identifier (at most 512 characters)
   * @param reread the resource a kept reference names, as a retry should see it now
   */
  public <T> T executeByReference(String requestId, Message request, Supplier<T> action, Function<T, String> reference,
      Function<String, T> reread) {
    return run(requestId, request, action, result -> Kept.reference(reference.apply(result)), kept -> {
      if (kept.reference() == null) {
        throw new IllegalStateException("the kept result of this request is a reply, not a reference");
      }
      return reread.apply(kept.reference());
    });
  }

  /**
   * A reply kept whole must hold no personal data (see the class comment). A reply that does is
   * still kept, so that the caller's retries keep working, but the breach of the rule is logged
   * (field names only), once per reply type.
   */
  private void warnIfPersonal(Message reply) {
    String type = reply.getDescriptorForType().getFullName();
    if (warned.contains(type)) {
      return;
    }
    List<String> personal = PersonalValues.paths(reply);
    if (!personal.isEmpty() && warned.add(type)) {
      log.warn("idempotency keeps a reply holding personal data type={} fields={}; use executeByReference", type, personal);
    }
  }

  /** The fingerprints this instance keeps requests as (for services with idempotency keys of their own). */
  public RequestFingerprints fingerprints() {
    RequestFingerprints current = fingerprints;
    if (current == null) {
      synchronized (this) {
        current = fingerprints;
        if (current == null) {
          current = new RequestFingerprints(fingerprintKey.get());
          fingerprints = current;
        }
      }
    }
    return current;
  }

  /** What a finished call keeps for its retries: a whole reply, or a reference to what it made. */
  private record Kept(byte[] response, String reference) {
    static Kept response(Message reply) {
      return new Kept(reply.toByteArray(), null);
    }

    static Kept reference(String reference) {
      if (reference == null || reference.isEmpty() || reference.length() > MAX_REFERENCE) {
        throw new IllegalArgumentException("an idempotency reference must have 1 to " + MAX_REFERENCE + " characters");
      }
      return new Kept(null, reference);
    }

    boolean present() {
      return response != null || reference != null;
    }
  }

  private <T> T run(String requestId, Message request, Supplier<T> action, Function<T, Kept> keep, Function<Kept, T> replay) {
    if (requestId == null || requestId.isEmpty()) {
      return action.get();
    }
    String caller = CallContext.caller();
    String type = request.getDescriptorForType().getFullName();
    byte[] hash = fingerprints().of(request);
    DuplicateWait wait = new DuplicateWait();
    while (true) {
      Record existing = dsl.select(REQUEST_HASH, RESPONSE, REFERENCE, LEASE_UNTIL).from(KEYS)
          .where(CALLER.eq(caller), REQUEST_TYPE.eq(type), REQUEST_ID.eq(requestId))
          .fetchOne();
      LocalDateTime now = now();
      if (existing == null) {
        try {
          dsl.insertInto(KEYS)
              .set(CALLER, caller).set(REQUEST_TYPE, type).set(REQUEST_ID, requestId)
              .set(REQUEST_HASH, hash).set(LEASE_UNTIL, now.plus(claimLease())).set(CREATE_TIME, now)
              .execute();
          return runClaimed(caller, type, requestId, action, keep);
        } catch (IntegrityConstraintViolationException raced) {
          continue; // another call claimed it first; look again
        } catch (RuntimeException e) {
          if (!RollbackVictims.isVictim(e)) {
            throw e;
          }
          // Claimed at once through another node of a Galera cluster: our claim lost the
          // certification and was not applied. The other's row shows once this node applied it.
          wait.pause();
          continue;
        }
      }
      RequestReplay.checkSameRequest(existing.get(REQUEST_HASH), hash);
      Kept kept = new Kept(existing.get(RESPONSE), existing.get(REFERENCE));
      if (kept.present()) {
        return replay.apply(kept);
      }
      LocalDateTime leaseUntil = existing.get(LEASE_UNTIL);
      if (leaseUntil.isAfter(now)) {
        wait.pause(); // the first call is still running: answer what it answers
        continue;
      }
      int taken = dsl.update(KEYS).set(LEASE_UNTIL, now.plus(claimLease()))
          .where(CALLER.eq(caller), REQUEST_TYPE.eq(type), REQUEST_ID.eq(requestId),
              LEASE_UNTIL.eq(leaseUntil), RESPONSE.isNull(), REFERENCE.isNull())
          .execute();
      if (taken == 1) {
        return runClaimed(caller, type, requestId, action, keep);
      }
    }
  }

  /**
   * How long a claim holds off the request's duplicates: the configured lease, or less for a call
   * with a deadline. Once its deadline passed, a call's statements are stopped and its transaction
   * is not committed (CallDeadlines), so after the deadline and a margin for a commit already on
   * its way nothing of it can still be applied; a process killed mid-call then holds the request
   * that long only (an erasure step's leaf call: 10 s, not 2 minutes).
   */
  private Duration claimLease() {
    Deadline deadline = Context.current().getDeadline();
    if (deadline == null) {
      return lease;
    }
    Duration bound = Duration.ofMillis(Math.max(0, deadline.timeRemaining(TimeUnit.MILLISECONDS))).plus(DEADLINE_MARGIN);
    return bound.compareTo(lease) < 0 ? bound : lease;
  }

  private <T> T runClaimed(String caller, String type, String requestId, Supplier<T> action, Function<T, Kept> keep) {
    T result;
    Kept kept;
    try {
      result = action.get();
      kept = keep.apply(result);
    } catch (RuntimeException e) {
      dsl.deleteFrom(KEYS)
          .where(CALLER.eq(caller), REQUEST_TYPE.eq(type), REQUEST_ID.eq(requestId), RESPONSE.isNull(), REFERENCE.isNull())
          .execute();
      throw e;
    }
    dsl.update(KEYS).set(RESPONSE, kept.response()).set(REFERENCE, kept.reference())
        .where(CALLER.eq(caller), REQUEST_TYPE.eq(type), REQUEST_ID.eq(requestId))
        .execute();
    return result;
  }

  /** Deletes keys older than the retention period; returns how many. */
  public int purgeExpired() {
    return dsl.deleteFrom(KEYS).where(CREATE_TIME.lt(now().minus(retention))).execute();
  }

  private LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
