package org.custody.platform.errors;

import io.grpc.Status;

/** The kinds of domain failure; each maps to exactly one gRPC status code. */
public enum ErrorKind {
  INVALID_ARGUMENT(Status.Code.INVALID_ARGUMENT),
  NOT_FOUND(Status.Code.NOT_FOUND),
  ALREADY_EXISTS(Status.Code.ALREADY_EXISTS),
  FAILED_PRECONDITION(Status.Code.FAILED_PRECONDITION),
  PERMISSION_DENIED(Status.Code.PERMISSION_DENIED),
  UNAUTHENTICATED(Status.Code.UNAUTHENTICATED),
  RESOURCE_EXHAUSTED(Status.Code.RESOURCE_EXHAUSTED),
  ABORTED(Status.Code.ABORTED),
  UNAVAILABLE(Status.Code.UNAVAILABLE),
  UNIMPLEMENTED(Status.Code.UNIMPLEMENTED);

  private final Status.Code code;

  ErrorKind(Status.Code code) {
    this.code = code;
  }

  public Status.Code code() {
    return code;
  }
}
