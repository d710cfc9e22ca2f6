package org.custody.platform.access;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.custody.platform.errors.ErrorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purpose binding (P6): authenticates the caller from the transport, reads the declared purpose
 * from {@code x-custody-purpose}, and lets the call through only if the service's access policy
 * lists caller x method x purpose. The caller and purpose are then available through
 * {@link CallContext}.
 */
public final class AccessControlInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(AccessControlInterceptor.class);
  static final Metadata.Key<String> PURPOSE_HEADER = Metadata.Key.of(Purpose.HEADER, Metadata.ASCII_STRING_MARSHALLER);

  private final CallerAuthenticator authenticator;
  private final AccessPolicy policy;
  private final ErrorStatus errors;
  private final MeterRegistry registry;
  private final java.util.concurrent.ConcurrentMap<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

  public AccessControlInterceptor(CallerAuthenticator authenticator, AccessPolicy policy, ErrorStatus errors, MeterRegistry registry) {
    this.authenticator = authenticator;
    this.policy = policy;
    this.errors = errors;
    this.registry = registry;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    // A proxy that appends a second value must not change who calls or why: the transport keeps
    // every value and the last would otherwise win. Refused in both modes, whatever the values.
    if (count(headers, BearerTokenAuthenticator.AUTHORIZATION) > 1) {
      count(method, "CALLER_AMBIGUOUS");
      return refuse(call, errors.of(Status.Code.UNAUTHENTICATED, "CALLER_AMBIGUOUS",
          "the call carries more than one authorization header"));
    }
    if (count(headers, PURPOSE_HEADER) > 1) {
      count(method, "PURPOSE_AMBIGUOUS");
      return refuse(call, errors.of(Status.Code.PERMISSION_DENIED, "PURPOSE_AMBIGUOUS",
          "the call carries more than one " + Purpose.HEADER + " header"));
    }
    Optional<String> caller = authenticator.authenticate(call.getAttributes(), headers);
    if (caller.isEmpty()) {
      count(method, "UNAUTHENTICATED");
      return refuse(call, errors.of(Status.Code.UNAUTHENTICATED, "CALLER_UNAUTHENTICATED",
          "the caller could not be authenticated"));
    }
    String purposeHeader = headers.get(PURPOSE_HEADER);
    Optional<Purpose> purpose = Purpose.parse(purposeHeader);
    if (purpose.isEmpty()) {
      String reason = purposeHeader == null ? "PURPOSE_MISSING" : "PURPOSE_UNKNOWN";
      count(method, reason);
      return refuse(call, errors.of(Status.Code.PERMISSION_DENIED, reason,
          "every call must declare a known purpose in the " + Purpose.HEADER + " header"));
    }
    AccessPolicy.Outcome outcome = policy.decide(method, caller.get(), purpose.get());
    count(method, outcome.name());
    if (outcome != AccessPolicy.Outcome.ALLOWED) {
      log.info("access refused method={} caller={} purpose={} reason={}", method, caller.get(), purpose.get(), outcome);
      return refuse(call, errors.of(Status.Code.PERMISSION_DENIED, outcome.name(),
          "the access policy does not allow caller " + caller.get() + " to call " + method + " for purpose " + purpose.get()));
    }
    Context context = Context.current()
        .withValue(CallContext.CALLER, caller.get())
        .withValue(CallContext.PURPOSE, purpose.get())
        .withValue(CallContext.METHOD, method);
    return Contexts.interceptCall(context, call, headers, next);
  }

  private static int count(Metadata headers, Metadata.Key<String> key) {
    int n = 0;
    Iterable<String> values = headers.getAll(key);
    if (values != null) {
      for (String ignored : values) {
        n++;
      }
    }
    return n;
  }

  private void count(String method, String outcome) {
    // Cached: this runs on every call, including the ValidateSession hot path.
    counters.computeIfAbsent(method + '\n' + outcome, k -> Counter.builder("custody_access_decisions")
        .description("Access-control decisions on incoming calls, by method and outcome")
        .tag("method", method)
        .tag("outcome", outcome)
        .register(registry)).increment();
  }

  private static <ReqT, RespT> ServerCall.Listener<ReqT> refuse(ServerCall<ReqT, RespT> call, StatusRuntimeException e) {
    call.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
    return new ServerCall.Listener<>() {};
  }
}
