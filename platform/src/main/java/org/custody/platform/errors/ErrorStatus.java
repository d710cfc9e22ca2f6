package org.custody.platform.errors;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;

/**
 * Builds the one error shape every Custody service answers with: a {@code google.rpc.Status}
 * with exactly one {@code ErrorInfo} (reason, domain = the service), plus {@code BadRequest}
 * field violations or {@code RetryInfo} where they apply.
 */
public final class ErrorStatus {
  private final String domain;

  /** @param domain the service's error domain, e.g. "identity.custody" */
  public ErrorStatus(String domain) {
    this.domain = domain;
  }

  public String domain() {
    return domain;
  }

  public StatusRuntimeException of(DomainException e) {
    return build(e.kind().code(), e.reason(), e.getMessage(), e.violations(), e.retryAfter().orElse(null));
  }

  public StatusRuntimeException of(Status.Code code, String reason, String message) {
    return build(code, reason, message, List.of(), null);
  }

  public StatusRuntimeException build(
      Status.Code code, String reason, String message, List<FieldViolation> violations, Duration retryAfter) {
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
        .setCode(Code.forNumber(code.value()).getNumber())
        .setMessage(message)
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(domain).build()));
    if (!violations.isEmpty()) {
      BadRequest.Builder badRequest = BadRequest.newBuilder();
      for (FieldViolation v : violations) {
        badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
            .setField(v.field()).setDescription(v.description()).setReason(reason));
      }
      status.addDetails(Any.pack(badRequest.build()));
    }
    if (retryAfter != null) {
      status.addDetails(Any.pack(RetryInfo.newBuilder()
          .setRetryDelay(com.google.protobuf.Duration.newBuilder()
              .setSeconds(retryAfter.getSeconds()).setNanos(retryAfter.getNano()))
          .build()));
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }
}
