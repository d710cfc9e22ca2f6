package org.custody.platform.session;

import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.custody.platform.access.ClientChannels;

/**
 * A leaf's session validator: a channel to identity (with this service's own credentials and
 * client metrics) behind a {@link CachedSessions}. Close it after the server stopped.
 */
public final class SessionChecks implements SessionValidator, AutoCloseable {
  private final ManagedChannel channel;
  private final SessionValidator cached;

  private SessionChecks(ManagedChannel channel, SessionValidator cached) {
    this.channel = channel;
    this.cached = cached;
  }

  public static SessionChecks open(SessionCheckSettings settings, ClientChannels clients, Clock clock, MeterRegistry registry) {
    ManagedChannel channel = clients.open(settings.identityTarget());
    return new SessionChecks(channel, new CachedSessions(new IdentitySessions(channel, clients, settings.callTimeout()),
        settings.cacheTtl(), SessionCheckSettings.CACHE_ENTRIES, clock, registry));
  }

  @Override
  public Optional<SessionPrincipal> validate(String sessionToken) {
    return cached.validate(sessionToken);
  }

  @Override
  public void close() {
    channel.shutdown();
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
