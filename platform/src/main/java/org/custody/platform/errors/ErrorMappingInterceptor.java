package org.custody.platform.errors;

import com.google.rpc.ErrorInfo;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.security.SecureRandom;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.custody.platform.db.RollbackVictims;
import org.custody.platform.db.WriteConflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become gRPC statuses. Domain exceptions become their kind's code with
 * one ErrorInfo; a database that cannot be reached becomes UNAVAILABLE; anything else becomes
 * INTERNAL with only a reference id on the wire, logged once under that id. Exception messages
 * are never logged or sent, because driver messages can quote the offending value (e.g. a
 * duplicate e-mail).
 */
public final class ErrorMappingInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(ErrorMappingInterceptor.class);
  private static final SecureRandom random = new SecureRandom();

  /** When to retry a call that found the database unreachable: about one health probe interval. */
  private static final java.time.Duration DATABASE_RETRY_AFTER = java.time.Duration.ofSeconds(2);
  private static final java.time.Duration CONFLICT_RETRY_AFTER = java.time.Duration.ofMillis(100);

  private final ErrorStatus errors;

  public ErrorMappingInterceptor(ErrorStatus errors) {
    this.errors = errors;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    MappingCall<ReqT, RespT> mappingCall = new MappingCall<>(call);
    ServerCall.Listener<ReqT> listener;
    try {
      listener = next.startCall(mappingCall, headers);
    } catch (RuntimeException e) {
      mappingCall.fail(e);
      return new ServerCall.Listener<>() {};
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(ReqT message) {
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          mappingCall.fail(e);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          mappingCall.fail(e);
        }
      }

      @Override
      public void onReady() {
        try {
          super.onReady();
        } catch (RuntimeException e) {
          mappingCall.fail(e);
        }
      }
    };
  }

  /** Maps any throwable to the status the client sees. Public for streaming handlers and tests. */
  public StatusRuntimeException toStatus(Throwable t, String method) {
    if (t instanceof DomainException e) {
      return errors.of(e);
    }
    if (t instanceof WriteConflict) {
      // Nobody could answer with what the first write stored: the caller may send it again.
      return errors.of(Status.Code.ABORTED, "WRITE_CONFLICT", "a concurrent request wrote the same record; retry");
    }
    Status status = statusOf(t);
    if (status != null) {
      com.google.rpc.Status details = StatusProto.fromThrowable(t);
      if (details != null && hasOwnErrorInfo(details)) {
        return (StatusRuntimeException) (t instanceof StatusRuntimeException sre ? sre : status.asRuntimeException(Status.trailersFromThrowable(t)));
      }
      if (status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return errors.of(Status.Code.UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", "a service this call depends on is unavailable; retry later");
      }
      if (status.getCode() == Status.Code.CANCELLED) {
        return errors.of(Status.Code.CANCELLED, "CANCELLED", "the call was cancelled");
      }
    }
    if (isDatabaseUnreachable(t)) {
      log.warn("database unreachable method={} cause={}", method, SafeDescription.of(t));
      return errors.build(Status.Code.UNAVAILABLE, "DATABASE_UNAVAILABLE", "the service's database is unavailable; retry later",
          java.util.List.of(), DATABASE_RETRY_AFTER);
    }
    if (isStatementStopped(t)) {
      // The call's deadline passed or it was cancelled (see CallDeadlines): its caller is gone
      // and hears its own DEADLINE_EXCEEDED or CANCELLED; this status is for logs and metrics.
      log.info("statement stopped with its call method={}", method);
      return errors.of(Status.Code.DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED", "the call's deadline passed or it was cancelled");
    }
    if (RollbackVictims.isVictim(t)) {
      // Lost to a concurrent transaction (a deadlock, or a Galera certification conflict) more
      // often than the retries allow: nothing of it was applied, and the caller may send it again.
      log.warn("transaction conflict method={} cause={}", method, SafeDescription.of(t));
      return errors.build(Status.Code.ABORTED, "TRANSACTION_CONFLICT", "a concurrent transaction conflicted with this call; retry",
          java.util.List.of(), CONFLICT_RETRY_AFTER);
    }
    String reference = HexFormat.of().formatHex(randomBytes());
    log.error("internal error ref={} method={} cause={}", reference, method, SafeDescription.of(t));
    return errors.of(Status.Code.INTERNAL, "INTERNAL", "internal error; reference " + reference);
  }

  private boolean hasOwnErrorInfo(com.google.rpc.Status details) {
    return details.getDetailsList().stream()
        .filter(any -> any.is(ErrorInfo.class))
        .anyMatch(any -> {
          try {
            return errors.domain().equals(any.unpack(ErrorInfo.class).getDomain());
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return false;
          }
        });
  }

  private static Status statusOf(Throwable t) {
    if (t instanceof StatusRuntimeException e) {
      return e.getStatus();
    }
    if (t instanceof StatusException e) {
      return e.getStatus();
    }
    return null;
  }

  /**
   * A statement killed by its query timeout or cancelled with its call: the driver's timeout
   * exception, SQLSTATE 70100 (query interrupted), or its cancellation exception (S1008).
   */
  private static boolean isStatementStopped(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.sql.SQLTimeoutException
          || c instanceof java.sql.SQLException sql && ("70100".equals(sql.getSQLState()) || "S1008".equals(sql.getSQLState()))
          || c.getClass().getSimpleName().equals("MySQLStatementCancelledException")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDatabaseUnreachable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException
          || c.getClass().getName().endsWith("CommunicationsException")) {
        return true;
      }
    }
    return false;
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[6];
    random.nextBytes(bytes);
    return bytes;
  }

  private final class MappingCall<ReqT, RespT> extends SimpleForwardingServerCall<ReqT, RespT> {
    private final AtomicBoolean closed = new AtomicBoolean();

    MappingCall(ServerCall<ReqT, RespT> delegate) {
      super(delegate);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      if (status.isOk() || status.getCause() == null) {
        super.close(status, trailers);
        return;
      }
      StatusRuntimeException mapped = toStatus(status.getCause(), getMethodDescriptor().getFullMethodName());
      Metadata merged = new Metadata();
      merged.merge(trailers);
      if (mapped.getTrailers() != null) {
        merged.merge(mapped.getTrailers());
      }
      super.close(mapped.getStatus().withCause(null), merged);
    }

    void fail(Throwable t) {
      close(Status.UNKNOWN.withCause(t), new Metadata());
    }
  }
}
