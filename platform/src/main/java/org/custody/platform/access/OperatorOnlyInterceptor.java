package org.custody.platform.access;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import org.custody.platform.errors.ErrorStatus;

/**
 * Lets only the operator caller through, authenticated as for any call, with no purpose: for
 * the process's own diagnostics (channelz), which show disclosure's channels, their targets and
 * call counts, and belong to no data purpose of the access policies.
 */
public final class OperatorOnlyInterceptor implements ServerInterceptor {
  /** The caller allowed to read the diagnostics. */
  public static final String OPERATOR = "operator";

  private final CallerAuthenticator authenticator;
  private final ErrorStatus errors;

  public OperatorOnlyInterceptor(CallerAuthenticator authenticator, ErrorStatus errors) {
    this.authenticator = authenticator;
    this.errors = errors;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    Iterable<String> authorizations = headers.getAll(BearerTokenAuthenticator.AUTHORIZATION);
    if (authorizations != null && count(authorizations) > 1) {
      return refuse(call, errors.of(Status.Code.UNAUTHENTICATED, "CALLER_AMBIGUOUS", "the call carries more than one authorization header"));
    }
    Optional<String> caller = authenticator.authenticate(call.getAttributes(), headers);
    if (caller.isEmpty()) {
      return refuse(call, errors.of(Status.Code.UNAUTHENTICATED, "CALLER_UNAUTHENTICATED", "the caller could not be authenticated"));
    }
    if (!OPERATOR.equals(caller.get())) {
      return refuse(call, errors.of(Status.Code.PERMISSION_DENIED, "CALLER_NOT_ALLOWED", "only the operator may read the server's diagnostics"));
    }
    return next.startCall(call, headers);
  }

  private static int count(Iterable<String> values) {
    int n = 0;
    for (String ignored : values) {
      n++;
    }
    return n;
  }

  private static <ReqT, RespT> ServerCall.Listener<ReqT> refuse(ServerCall<ReqT, RespT> call, StatusRuntimeException e) {
    call.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
    return new ServerCall.Listener<>() {};
  }
}
