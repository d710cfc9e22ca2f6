package org.custody.platform.testkit;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Optional;

/** Reads the {@code google.rpc.Status} details of a failed call, for assertions. */
public record ErrorDetails(Status.Code code, String message, List<ErrorInfo> errorInfos,
    List<BadRequest.FieldViolation> fieldViolations, Optional<RetryInfo> retryInfo) {

  public static ErrorDetails of(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    List<ErrorInfo> infos = status == null ? List.of() : unpack(status.getDetailsList(), ErrorInfo.class);
    List<BadRequest.FieldViolation> violations = status == null ? List.of()
        : unpack(status.getDetailsList(), BadRequest.class).stream().flatMap(b -> b.getFieldViolationsList().stream()).toList();
    Optional<RetryInfo> retry = status == null ? Optional.empty() : unpack(status.getDetailsList(), RetryInfo.class).stream().findFirst();
    return new ErrorDetails(e.getStatus().getCode(), e.getStatus().getDescription(), infos, violations, retry);
  }

  /** The details of the failure of {@code call}, which must fail with a gRPC status. */
  public static ErrorDetails ofFailure(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return of(e);
    }
    throw new AssertionError("the call succeeded");
  }

  /** The single ErrorInfo's reason (fails if there is not exactly one). */
  public String reason() {
    if (errorInfos.size() != 1) {
      throw new AssertionError("expected exactly one ErrorInfo, got " + errorInfos.size());
    }
    return errorInfos.get(0).getReason();
  }

  public String domain() {
    return errorInfos.get(0).getDomain();
  }

  public List<String> violatedFields() {
    return fieldViolations.stream().map(BadRequest.FieldViolation::getField).toList();
  }

  private static <T extends com.google.protobuf.Message> List<T> unpack(List<Any> details, Class<T> type) {
    return details.stream().filter(a -> a.is(type)).map(a -> {
      try {
        return a.unpack(type);
      } catch (InvalidProtocolBufferException ex) {
        throw new AssertionError(ex);
      }
    }).toList();
  }
}
