package org.custody.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A failed Custody call as a caller handles it: the gRPC code, the {@code ErrorInfo} reason to
 * switch on (e.g. {@code PURPOSE_NOT_ALLOWED}) and its domain ({@code identity.custody}), the
 * {@code BadRequest} field violations to show next to the fields, and the {@code RetryInfo} delay.
 * Decoded from the {@code grpc-status-details-bin} trailer every Custody error carries.
 *
 * @param code the gRPC status code
 * @param message the status message (never personal data)
 * @param reason the ErrorInfo reason, or empty when the call failed before reaching a service
 * @param domain the ErrorInfo domain, or empty
 * @param metadata the ErrorInfo metadata (e.g. an INTERNAL error's reference id)
 * @param fieldViolations request field path → what is wrong with it, in the order sent
 * @param retryDelay how long to wait before retrying, when the service said
 */
public record CustodyError(
    Status.Code code, String message, String reason, String domain, Map<String, String> metadata,
    List<FieldViolation> fieldViolations, Optional<Duration> retryDelay) {

  /** One invalid field: its path in the request and why. */
  public record FieldViolation(String field, String description) {}

  /** Decodes any throwable from a stub; a failure without details gives empty reason and lists. */
  public static CustodyError from(Throwable failure) {
    Status status = Status.fromThrowable(failure);
    com.google.rpc.Status details = StatusProto.fromThrowable(failure);
    String reason = "";
    String domain = "";
    Map<String, String> metadata = Map.of();
    List<FieldViolation> violations = new ArrayList<>();
    Optional<Duration> retryDelay = Optional.empty();
    if (details != null) {
      for (Any any : details.getDetailsList()) {
        try {
          if (any.is(ErrorInfo.class)) {
            ErrorInfo info = any.unpack(ErrorInfo.class);
            reason = info.getReason();
            domain = info.getDomain();
            metadata = Map.copyOf(info.getMetadataMap());
          } else if (any.is(BadRequest.class)) {
            any.unpack(BadRequest.class).getFieldViolationsList()
                .forEach(v -> violations.add(new FieldViolation(v.getField(), v.getDescription())));
          } else if (any.is(RetryInfo.class)) {
            com.google.protobuf.Duration d = any.unpack(RetryInfo.class).getRetryDelay();
            retryDelay = Optional.of(Duration.ofSeconds(d.getSeconds(), d.getNanos()));
          }
        } catch (InvalidProtocolBufferException e) {
          // A detail that does not parse is skipped: the code and the others still stand.
        }
      }
    }
    return new CustodyError(status.getCode(), status.getDescription() == null ? "" : status.getDescription(),
        reason, domain, metadata, List.copyOf(violations), retryDelay);
  }

  /** The fields named by the violations, e.g. {@code [display_name, project_id]}. */
  public List<String> invalidFields() {
    return fieldViolations.stream().map(FieldViolation::field).toList();
  }
}
