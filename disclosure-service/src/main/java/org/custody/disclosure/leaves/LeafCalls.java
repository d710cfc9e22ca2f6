package org.custody.disclosure.leaves;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;

/** Turns a failed call to a leaf service into the error this service answers with. */
final class LeafCalls {
  private LeafCalls() {}

  /**
   * UNAVAILABLE (LEAF_UNAVAILABLE) for faults that pass (down, overloaded, too slow);
   * FAILED_PRECONDITION (LEAF_REFUSED) for refusals a retry will not change (access policy,
   * not implemented). Both name the service and the code, never the leaf's message.
   */
  static DomainException failure(String service, StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    return switch (code) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, CANCELLED, INTERNAL, UNKNOWN -> DomainException.of(
          ErrorKind.UNAVAILABLE, "LEAF_UNAVAILABLE", "the " + service + " service is unavailable (" + code + "); retry later");
      default -> DomainException.of(ErrorKind.FAILED_PRECONDITION, "LEAF_REFUSED",
          "the " + service + " service refused the call (" + code + ")");
    };
  }
}
