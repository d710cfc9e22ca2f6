package org.custody.disclosure.leaves;

import io.grpc.Status;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failed call to a leaf service into the error this service answers with. */
final class LeafCalls {
  private static final Logger log = LoggerFactory.getLogger(LeafCalls.class);

  private LeafCalls() {}

  /** The leaf's ErrorInfo reason (a code, never personal data). */
  private static String reason(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return "-";
    }
    return status.getDetailsList().stream().filter(a -> a.is(ErrorInfo.class)).findFirst().map(a -> {
      try {
        return a.unpack(ErrorInfo.class).getReason();
      } catch (InvalidProtocolBufferException ex) {
        return "-";
      }
    }).orElse("-");
  }

  /** The names of the fields a leaf found invalid (names only, never values). */
  private static String fields(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return "[]";
    }
    return status.getDetailsList().stream().filter(a -> a.is(BadRequest.class)).flatMap(a -> {
      try {
        return a.unpack(BadRequest.class).getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField);
      } catch (InvalidProtocolBufferException ex) {
        return java.util.stream.Stream.<String>empty();
      }
    }).toList().toString();
  }

  /**
   * UNAVAILABLE (LEAF_UNAVAILABLE) for faults that pass (down, overloaded, too slow);
   * FAILED_PRECONDITION (LEAF_REFUSED) for refusals a retry will not change (access policy,
   * not implemented). Both name the service and the code, never the leaf's message.
   */
  static DomainException failure(String service, StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    log.warn("leaf call failed service={} code={} reason={} fields={}", service, code, reason(e), fields(e));
    return switch (code) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, CANCELLED, INTERNAL, UNKNOWN -> DomainException.of(
          ErrorKind.UNAVAILABLE, "LEAF_UNAVAILABLE", "the " + service + " service is unavailable (" + code + "); retry later");
      default -> DomainException.of(ErrorKind.FAILED_PRECONDITION, "LEAF_REFUSED",
          "the " + service + " service refused the call (" + code + ")");
    };
  }
}
