package org.custody.platform.server;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.custody.platform.errors.ErrorStatus;

/**
 * Refuses a service's calls at once, UNAVAILABLE with reason {@code DATABASE_UNAVAILABLE} and a
 * {@code RetryInfo} of one probe interval, while the health probe knows the database does not
 * answer: every method of a Custody service needs its database, and a call let through would
 * only wait the pool's connection timeout to fail the same way, or outlive its caller's deadline.
 * Callers (and the custody client's retry policy) retry with the same {@code request_id}.
 */
final class DatabaseGate implements ServerInterceptor {
  static final String REASON = "DATABASE_UNAVAILABLE";

  private final BooleanSupplier databaseAnswers;
  private final ErrorStatus errors;
  private final Duration retryAfter;

  DatabaseGate(BooleanSupplier databaseAnswers, ErrorStatus errors, Duration retryAfter) {
    this.databaseAnswers = databaseAnswers;
    this.errors = errors;
    this.retryAfter = retryAfter;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    if (databaseAnswers.getAsBoolean()) {
      return next.startCall(call, headers);
    }
    StatusRuntimeException refused = errors.build(Status.Code.UNAVAILABLE, REASON,
        "the service's database is unavailable; retry later", List.of(), retryAfter);
    call.close(refused.getStatus(), refused.getTrailers() == null ? new Metadata() : refused.getTrailers());
    return new ServerCall.Listener<>() {};
  }
}
