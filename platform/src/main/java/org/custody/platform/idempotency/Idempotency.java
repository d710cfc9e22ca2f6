package org.custody.platform.idempotency;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Supplier;
import org.custody.platform.access.CallContext;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.errors.FieldViolation;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Makes a mutation safe to retry (AIP-155). The first call with a {@code request_id} claims the
 * key with a lease, runs the action and stores its response; a retry of the same request gets
 * that stored response back without running the action again; the same id with a different
 * request is refused (INVALID_ARGUMENT, REQUEST_ID_REUSED); a retry while the first is still
 * running gets ABORTED (REQUEST_IN_PROGRESS) and should back off. If the action fails, the claim
 * is released so a retry runs it afresh. If the process dies mid-action, the lease expires and
 * the next retry runs it. Keys are scoped to the caller and request type and kept for the
 * retention period.
 */
public final class Idempotency {
  private static final Table<Record> KEYS = table(name("custody_idempotency"));
  private static final Field<String> CALLER = field(name("caller"), String.class);
  private static final Field<String> REQUEST_TYPE = field(name("request_type"), String.class);
  private static final Field<String> REQUEST_ID = field(name("request_id"), String.class);
  private static final Field<byte[]> REQUEST_HASH = field(name("request_hash"), byte[].class);
  private static final Field<byte[]> RESPONSE = field(name("response"), byte[].class);
  private static final Field<LocalDateTime> LEASE_UNTIL = field(name("lease_until"), LocalDateTime.class);
  private static final Field<LocalDateTime> CREATE_TIME = field(name("create_time"), LocalDateTime.class);

  private final DSLContext dsl;
  private final Clock clock;
  private final Duration retention;
  private final Duration lease;

  public Idempotency(DSLContext dsl, Clock clock, Duration retention, Duration lease) {
    if (retention.compareTo(Duration.ofHours(24)) < 0) {
      throw new IllegalArgumentException("idempotency keys must be kept at least 24 hours");
    }
    this.dsl = dsl;
    this.clock = clock;
    this.retention = retention;
    this.lease = lease;
  }

  public Idempotency(DSLContext dsl, Clock clock) {
    this(dsl, clock, Duration.ofHours(48), Duration.ofMinutes(2));
  }

  /**
   * Runs {@code action} once per (caller, request type, requestId).
   *
   * @param requestId the request's {@code request_id}; empty means "not idempotent", run directly
   */
  public <T extends Message> T execute(String requestId, Message request, Parser<T> parser, Supplier<T> action) {
    if (requestId == null || requestId.isEmpty()) {
      return action.get();
    }
    String caller = CallContext.caller();
    String type = request.getDescriptorForType().getFullName();
    byte[] hash = hash(request);
    while (true) {
      Record existing = dsl.select(REQUEST_HASH, RESPONSE, LEASE_UNTIL).from(KEYS)
          .where(CALLER.eq(caller), REQUEST_TYPE.eq(type), REQUEST_ID.eq(requestId))
          .fetchOne();
      LocalDateTime now = now();
      if (existing == null) {
        try {
          dsl.insertInto(KEYS)
              .set(CALLER, caller).set(REQUEST_TYPE, type).set(REQUEST_ID, requestId)
              .set(REQUEST_HASH, hash).set(LEASE_UNTIL, now.plus(lease)).set(CREATE_TIME, now)
              .execute();
          return runClaimed(caller, type, requestId, parser, action);
        } catch (IntegrityConstraintViolationException raced) {
          continue; // another call claimed it first; look again
        }
      }
      if (!Arrays.equals(existing.get(REQUEST_HASH), hash)) {
        throw DomainException.invalid("REQUEST_ID_REUSED",
            java.util.List.of(new FieldViolation("request_id", "was already used for a different request")));
      }
      byte[] response = existing.get(RESPONSE);
      if (response != null) {
        try {
          return parser.parseFrom(response);
        } catch (InvalidProtocolBufferException e) {
          throw new IllegalStateException("stored idempotent response is unreadable", e);
        }
      }
      LocalDateTime leaseUntil = existing.get(LEASE_UNTIL);
      if (leaseUntil.isAfter(now)) {
        throw DomainException.of(ErrorKind.ABORTED, "REQUEST_IN_PROGRESS",
            "a request with this request_id is still being processed; retry shortly");
      }
      int taken = dsl.update(KEYS).set(LEASE_UNTIL, now.plus(lease))
          .where(CALLER.eq(caller), REQUEST_TYPE.eq(type), REQUEST_ID.eq(requestId),
              LEASE_UNTIL.eq(leaseUntil), RESPONSE.isNull())
          .execute();
      if (taken == 1) {
        return runClaimed(caller, type, requestId, parser, action);
      }
    }
  }

  private <T extends Message> T runClaimed(String caller, String type, String requestId, Parser<T> parser, Supplier<T> action) {
    T result;
    try {
      result = action.get();
    } catch (RuntimeException e) {
      dsl.deleteFrom(KEYS)
          .where(CALLER.eq(caller), REQUEST_TYPE.eq(type), REQUEST_ID.eq(requestId), RESPONSE.isNull())
          .execute();
      throw e;
    }
    dsl.update(KEYS).set(RESPONSE, result.toByteArray())
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

  private static byte[] hash(Message request) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      request.writeTo(out);
      out.flush();
      return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
