package org.custody.deploy.cli;

import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.custody.proto.common.v1.Purpose;

/** One channel per command run: opened, used by the command's stub, closed. */
final class Calls {
  private Calls() {}

  /** Runs {@code body} with a channel to {@code service} and returns its exit status. */
  static int with(Connection connection, String service, Function<ManagedChannel, Integer> body) {
    ManagedChannel channel = connection.open(service);
    try {
      return body.apply(channel);
    } finally {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The purpose subject-rights commands declare. */
  static final Purpose SUBJECT_REQUEST = Purpose.PURPOSE_SUBJECT_REQUEST;
}
