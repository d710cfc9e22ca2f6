package org.custody.deploy.demo;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints the walkthrough: for each clause, what was asked, what Custody answered, and why. */
final class Narrator {
  private final PrintStream out;
  private final List<String> failures = new ArrayList<>();
  private int clauses;
  private String current;

  Narrator(PrintStream out) {
    this.out = out;
  }

  void clause(String id, String title) {
    clauses++;
    current = id;
    out.printf("%n%s  %s%n", id, title);
  }

  void asked(String text) {
    out.println("    asked:    " + text);
  }

  void answered(String text) {
    out.println("    answered: " + text);
  }

  void why(String text) {
    out.println("    why:      " + text);
  }

  /** Records that the answer was not what the clause demands. */
  void unexpected(String text) {
    failures.add(current + ": " + text);
    out.println("    !! unexpected: " + text);
  }

  void expect(boolean condition, String whatShouldHold) {
    if (!condition) {
      unexpected(whatShouldHold);
    }
  }

  List<String> failures() {
    return failures;
  }

  int clauses() {
    return clauses;
  }

  /** A refusal as the caller sees it: code, ErrorInfo reason, field violations, retry delay. */
  static String describe(StatusRuntimeException e) {
    StringBuilder sb = new StringBuilder(e.getStatus().getCode().name());
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status != null) {
      for (var any : status.getDetailsList()) {
        try {
          if (any.is(ErrorInfo.class)) {
            sb.append(" reason=").append(any.unpack(ErrorInfo.class).getReason());
          } else if (any.is(BadRequest.class)) {
            sb.append(" fields=").append(any.unpack(BadRequest.class).getFieldViolationsList().stream()
                .map(BadRequest.FieldViolation::getField).toList());
          } else if (any.is(RetryInfo.class)) {
            sb.append(" retryAfter=").append(any.unpack(RetryInfo.class).getRetryDelay().getSeconds()).append('s');
          }
        } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
          // not a detail we print
        }
      }
    }
    return sb.toString();
  }

  static String reason(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return "";
    }
    for (var any : status.getDetailsList()) {
      if (any.is(ErrorInfo.class)) {
        try {
          return any.unpack(ErrorInfo.class).getReason();
        } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
          return "";
        }
      }
    }
    return "";
  }
}
