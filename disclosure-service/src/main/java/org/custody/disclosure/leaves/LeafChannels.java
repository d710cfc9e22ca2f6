package org.custody.disclosure.leaves;

import io.grpc.ManagedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.custody.platform.access.ClientChannels;

/** The channels to identity, billing and analytics, opened with this service's own credentials. */
public final class LeafChannels implements AutoCloseable {
  private final ClientChannels clients;
  private final LeafTargets targets;
  private final ManagedChannel identity;
  private final ManagedChannel billing;
  private final ManagedChannel analytics;

  public LeafChannels(ClientChannels clients, LeafTargets targets) {
    this.clients = clients;
    this.targets = targets;
    this.identity = clients.open(targets.identity());
    this.billing = clients.open(targets.billing());
    this.analytics = clients.open(targets.analytics());
  }

  ClientChannels clients() {
    return clients;
  }

  LeafTargets targets() {
    return targets;
  }

  ManagedChannel identity() {
    return identity;
  }

  /** The leaves holding subject data, by service name, in a fixed order. */
  List<Leaf> subjectDataLeaves() {
    return List.of(new Leaf("identity", identity), new Leaf("billing", billing), new Leaf("analytics", analytics));
  }

  /** A named leaf channel. */
  record Leaf(String service, ManagedChannel channel) {}

  @Override
  public void close() {
    for (ManagedChannel channel : List.of(identity, billing, analytics)) {
      channel.shutdown();
    }
    for (ManagedChannel channel : List.of(identity, billing, analytics)) {
      try {
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
          channel.shutdownNow();
        }
      } catch (InterruptedException e) {
        channel.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
