package org.custody.deploy.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.custody.client.RequestIds;
import org.custody.proto.disclosure.v1.CreateErasureRequest;
import org.custody.proto.disclosure.v1.CreateExportRequest;
import org.custody.proto.disclosure.v1.Erasure;
import org.custody.proto.disclosure.v1.ErasureState;
import org.custody.proto.disclosure.v1.GetErasureRequest;
import org.custody.proto.disclosure.v1.SubjectExport;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc.SubjectRightsServiceBlockingStub;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A subject's rights (P13): export, erase, and follow an erasure. */
final class SubjectCommands {
  private SubjectCommands() {}

  private static SubjectRightsServiceBlockingStub stub(Connection connection, io.grpc.ManagedChannel channel) {
    return SubjectRightsServiceGrpc.newBlockingStub(channel).withCallCredentials(connection.credentials(Calls.SUBJECT_REQUEST));
  }

  @Command(name = "export", description = "Exports all data of a subject from every service as one JSON document (P13).")
  static final class Export implements Callable<Integer> {
    @Mixin Connection connection;
    @ArgGroup(exclusive = false, multiplicity = "1") SubjectOptions subject;
    @Option(names = "--request-id", description = "reuse this id to retry the same export (default: a new one)")
    String requestId = RequestIds.newId();
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return Calls.with(connection, "disclosure", channel -> {
        SubjectExport export = stub(connection, channel).createExport(CreateExportRequest.newBuilder()
            .setSubject(subject.toProto()).setRequestId(requestId).build()).getExport();
        new Output(spec.commandLine().getOut(), connection.json).print(export,
            () -> "# " + export.getName() + " (ledger entry " + export.getLedgerIndex() + ")\n" + export.getDocument());
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "erase", description = "Starts the erasure of a subject across every service (P13); follow it with 'erasure status'.")
  static final class Erase implements Callable<Integer> {
    @Mixin Connection connection;
    @ArgGroup(exclusive = false, multiplicity = "1") SubjectOptions subject;
    @Option(names = "--request-id", description = "reuse this id to retry: the same id never erases twice (default: a new one)")
    String requestId = RequestIds.newId();
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return Calls.with(connection, "disclosure", channel -> {
        Erasure erasure = stub(connection, channel).createErasure(CreateErasureRequest.newBuilder()
            .setSubject(subject.toProto()).setRequestId(requestId).build()).getErasure();
        new Output(spec.commandLine().getOut(), connection.json).print(erasure,
            () -> "erasure " + erasure.getName() + " " + ErasureStatus.describe(erasure));
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "erasure", description = "Erasures in progress.", subcommands = ErasureStatus.class)
  static final class ErasureGroup {
  }

  @Command(name = "status", description = "Shows an erasure: per service PENDING, DONE or RETAINED; --watch until it completes.")
  static final class ErasureStatus implements Callable<Integer> {
    @Mixin Connection connection;
    @Parameters(paramLabel = "NAME", description = "the erasure, as 'erase' printed it")
    String name;
    @Option(names = "--watch", description = "poll until the erasure completes, printing each change")
    boolean watch;
    @Option(names = "--interval", defaultValue = "2s", description = "how often --watch polls (default: ${DEFAULT-VALUE})",
        converter = DurationConverter.class)
    Duration interval;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return Calls.with(connection, "disclosure", channel -> {
        Output out = new Output(spec.commandLine().getOut(), connection.json);
        SubjectRightsServiceBlockingStub rights = stub(connection, channel);
        String last = null;
        while (true) {
          Erasure erasure = rights.getErasure(GetErasureRequest.newBuilder().setName(name).build()).getErasure();
          String now = describe(erasure);
          if (!now.equals(last)) {
            out.print(erasure, () -> now);
            last = now;
          }
          if (!watch || erasure.getState() == ErasureState.ERASURE_STATE_COMPLETED) {
            return ExitCodes.OK;
          }
          Sleeper.sleep(interval);
        }
      });
    }

    static String describe(Erasure erasure) {
      StringBuilder line = new StringBuilder(erasure.getState().name().replace("ERASURE_STATE_", ""));
      erasure.getServicesList().forEach(s -> line.append("  ").append(s.getService()).append('=')
          .append(s.getState().name().replace("SERVICE_ERASURE_STATE_", ""))
          .append(s.getAttempts() > 1 ? " (attempt " + s.getAttempts() + ")" : ""));
      return line.toString();
    }
  }
}
