package org.custody.deploy.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.custody.client.RequestIds;
import org.custody.proto.billing.v1.BillingKeyServiceGrpc;
import org.custody.proto.billing.v1.GetRewrapJobRequest;
import org.custody.proto.billing.v1.KeyVersion;
import org.custody.proto.billing.v1.RewrapJob;
import org.custody.proto.billing.v1.RewrapJobState;
import org.custody.proto.billing.v1.RotateKeyEncryptionKeyRequest;
import org.custody.proto.billing.v1.StartRewrapRequest;
import org.custody.proto.common.v1.Purpose;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Billing's key-encryption keys: rotate to a new version, rewrap every data key under it. */
@Command(name = "keys", description = "Billing's key-encryption keys: rotate, rewrap.",
    subcommands = {KeyCommands.Rotate.class, KeyCommands.Rewrap.class})
final class KeyCommands {
  private static BillingKeyServiceGrpc.BillingKeyServiceBlockingStub stub(Connection connection, io.grpc.ManagedChannel channel) {
    return BillingKeyServiceGrpc.newBlockingStub(channel).withCallCredentials(connection.credentials(Purpose.PURPOSE_BILLING));
  }

  @Command(name = "rotate", description = "Makes a new key-encryption key version primary; existing data keys stay wrapped under the old one until 'keys rewrap'.")
  static final class Rotate implements Callable<Integer> {
    @Mixin Connection connection;
    @Option(names = "--request-id", description = "reuse this id to retry the same rotation (default: a new one)")
    String requestId = RequestIds.newId();
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return Calls.with(connection, "billing", channel -> {
        KeyVersion version = stub(connection, channel).rotateKeyEncryptionKey(
            RotateKeyEncryptionKeyRequest.newBuilder().setRequestId(requestId).build()).getKeyVersion();
        new Output(spec.commandLine().getOut(), connection.json).print(version,
            () -> "primary key version " + version.getName() + " (" + version.getState().name().replace("KEY_VERSION_STATE_", "") + ")");
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "rewrap", description = "Starts rewrapping every data key under the primary key version; --watch shows a progress bar until it ends.")
  static final class Rewrap implements Callable<Integer> {
    @Mixin Connection connection;
    @Option(names = "--watch", description = "poll the job until it ends") boolean watch;
    @Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class, description = "how often --watch polls (default: ${DEFAULT-VALUE})")
    Duration interval;
    @Option(names = "--request-id", description = "reuse this id to retry the same start (default: a new one)")
    String requestId = RequestIds.newId();
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return Calls.with(connection, "billing", channel -> {
        Output out = new Output(spec.commandLine().getOut(), connection.json);
        BillingKeyServiceGrpc.BillingKeyServiceBlockingStub keys = stub(connection, channel);
        RewrapJob job = keys.startRewrap(StartRewrapRequest.newBuilder().setRequestId(requestId).build()).getJob();
        RewrapJob shown = job;
        out.print(shown, () -> progressLine(shown));
        while (watch && job.getState() == RewrapJobState.REWRAP_JOB_STATE_RUNNING) {
          Sleeper.sleep(interval);
          job = keys.getRewrapJob(GetRewrapJobRequest.newBuilder().setName(job.getName()).build()).getJob();
          RewrapJob current = job;
          out.print(current, () -> progressLine(current));
        }
        return job.getState() == RewrapJobState.REWRAP_JOB_STATE_FAILED ? ExitCodes.REFUSED : ExitCodes.OK;
      });
    }

    static String progressLine(RewrapJob job) {
      double share = job.getTotalKeys() == 0 ? 1 : (double) job.getRewrappedKeys() / job.getTotalKeys();
      int filled = (int) Math.round(share * 30);
      return String.format(java.util.Locale.ROOT, "%s [%s%s] %5.1f%%  %,d / %,d data keys  %s", job.getName(),
          "#".repeat(filled), ".".repeat(30 - filled), share * 100, job.getRewrappedKeys(), job.getTotalKeys(),
          job.getState().name().replace("REWRAP_JOB_STATE_", ""));
    }
  }
}
