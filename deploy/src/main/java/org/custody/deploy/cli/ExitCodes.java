package org.custody.deploy.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import org.custody.client.CustodyError;
import picocli.CommandLine;

/**
 * The operator commands' exit statuses, documented in the README:
 * 0 done; 1 the service refused or failed the call (the reason is printed); 2 the command was
 * called wrongly; 3 the ledger does not verify; 4 the service could not be reached in time.
 */
final class ExitCodes implements CommandLine.IExecutionExceptionHandler {
  static final int OK = 0;
  static final int REFUSED = 1;
  static final int USAGE = 2;
  static final int LEDGER_INVALID = 3;
  static final int UNREACHABLE = 4;

  @Override
  public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
    PrintWriter err = command.getErr();
    if (e instanceof Connection.UsageException) {
      err.println(e.getMessage());
      return USAGE;
    }
    if (e instanceof StatusRuntimeException) {
      CustodyError error = CustodyError.from(e);
      boolean unreachable = error.code() == Status.Code.UNAVAILABLE && error.reason().isEmpty()
          || error.code() == Status.Code.DEADLINE_EXCEEDED;
      StringBuilder line = new StringBuilder(error.code().name());
      if (!error.reason().isEmpty()) {
        line.append(' ').append(error.reason()).append(" (").append(error.domain()).append(')');
      }
      if (!error.message().isEmpty()) {
        line.append(": ").append(error.message());
      }
      error.fieldViolations().forEach(v -> line.append(System.lineSeparator()).append("  ").append(v.field()).append(": ").append(v.description()));
      err.println(line);
      return unreachable ? UNREACHABLE : REFUSED;
    }
    err.println("failed: " + e);
    return REFUSED;
  }
}
