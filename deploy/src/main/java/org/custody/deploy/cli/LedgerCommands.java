package org.custody.deploy.cli;

import io.grpc.ManagedChannel;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.custody.proto.common.v1.Purpose;
import org.custody.proto.disclosure.v1.GetInclusionProofRequest;
import org.custody.proto.disclosure.v1.GetSignedTreeHeadRequest;
import org.custody.proto.disclosure.v1.InclusionProof;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.SignedTreeHead;
import org.custody.proto.disclosure.v1.VerifyLedgerProgress;
import org.custody.proto.disclosure.v1.VerifyLedgerResponse;
import org.custody.proto.disclosure.v1.VerifyLedgerWithProgressRequest;
import org.custody.proto.disclosure.v1.VerifyLedgerWithProgressResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The tamper-evident ledger: its signed head, inclusion proofs, and full verification with progress. */
@Command(name = "ledger", description = "The disclosure ledger: head, proof, verify.",
    subcommands = {LedgerCommands.Head.class, LedgerCommands.Proof.class, LedgerCommands.Verify.class})
final class LedgerCommands {
  private static final HexFormat HEX = HexFormat.of();

  private static LedgerServiceGrpc.LedgerServiceBlockingStub stub(Connection connection, ManagedChannel channel) {
    return LedgerServiceGrpc.newBlockingStub(channel).withCallCredentials(connection.credentials(Purpose.PURPOSE_LEGAL_COMPLIANCE));
  }

  @Command(name = "head", description = "Prints the latest signed tree head.")
  static final class Head implements Callable<Integer> {
    @Mixin Connection connection;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return Calls.with(connection, "disclosure", channel -> {
        SignedTreeHead head = stub(connection, channel).getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()).getTreeHead();
        new Output(spec.commandLine().getOut(), connection.json).print(head, () -> "tree size " + head.getTreeSize()
            + "\nroot      " + HEX.formatHex(head.getRootHash().toByteArray()) + "\nsigned    " + head.getTimestamp().getSeconds()
            + " (epoch seconds) by key " + head.getKeyId());
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "proof", description = "Prints the inclusion proof of one entry (RFC 6962 audit path).")
  static final class Proof implements Callable<Integer> {
    @Mixin Connection connection;
    @Option(names = "--index", required = true, description = "the entry's index (from 0)") long index;
    @Option(names = "--tree-size", defaultValue = "0", description = "the tree size to prove against (default: the latest signed head)")
    long treeSize;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return Calls.with(connection, "disclosure", channel -> {
        InclusionProof proof = stub(connection, channel).getInclusionProof(GetInclusionProofRequest.newBuilder()
            .setLeafIndex(index).setTreeSize(treeSize).build()).getProof();
        new Output(spec.commandLine().getOut(), connection.json).print(proof, () -> {
          StringBuilder text = new StringBuilder("entry " + proof.getLeafIndex() + " of tree size " + proof.getTreeSize()
              + "\nleaf hash " + HEX.formatHex(proof.getLeafHash().toByteArray()) + "\npath (" + proof.getHashesCount() + " hashes)");
          proof.getHashesList().forEach(h -> text.append("\n  ").append(HEX.formatHex(h.toByteArray())));
          return text.toString();
        });
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "verify", description = {"Recomputes the whole ledger on the server and checks it against the signed head,",
      "showing entries checked, rate and time left. Exit status 3 if the ledger does not verify."})
  static final class Verify implements Callable<Integer> {
    @Mixin Connection connection;
    // A full verification reads every entry: minutes on a large ledger, far past the 15 s deadline
    // every other command inherits from the client's retry policy.
    @Option(names = "--timeout", defaultValue = "1h", converter = DurationConverter.class,
        description = "how long the verification may run (default: ${DEFAULT-VALUE})")
    java.time.Duration timeout;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return Calls.with(connection, "disclosure", channel -> {
        Output out = new Output(spec.commandLine().getOut(), connection.json);
        Iterator<VerifyLedgerWithProgressResponse> steps =
            stub(connection, channel).withDeadlineAfter(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .verifyLedgerWithProgress(VerifyLedgerWithProgressRequest.getDefaultInstance());
        while (steps.hasNext()) {
          VerifyLedgerWithProgressResponse step = steps.next();
          if (step.hasProgress()) {
            out.print(step.getProgress(), () -> progressLine(step.getProgress()));
          } else if (step.hasResult()) {
            VerifyLedgerResponse result = step.getResult();
            out.print(result, () -> result.getValid()
                ? "VALID: " + result.getTreeSize() + " entries, root " + HEX.formatHex(result.getRootHash().toByteArray())
                : "INVALID: " + result.getFailure());
            return result.getValid() ? ExitCodes.OK : ExitCodes.LEDGER_INVALID;
          }
        }
        throw new IllegalStateException("the verification ended without a result");
      });
    }

    static String progressLine(VerifyLedgerProgress p) {
      double share = p.getTreeSize() == 0 ? 1 : (double) p.getEntriesChecked() / p.getTreeSize();
      int filled = (int) Math.round(share * 30);
      return String.format(java.util.Locale.ROOT, "[%s%s] %5.1f%%  %,d / %,d entries  %,.0f entries/s  ETA %ds",
          "#".repeat(filled), ".".repeat(30 - filled), share * 100, p.getEntriesChecked(), p.getTreeSize(),
          p.getEntriesPerSecond(), p.getEstimatedTimeLeft().getSeconds());
    }
  }
}
