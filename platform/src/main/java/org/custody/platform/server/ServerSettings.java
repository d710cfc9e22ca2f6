package org.custody.platform.server;

import java.time.Duration;
import org.custody.platform.config.EnvReader;

/**
 * Transport settings of one service's gRPC server.
 *
 * @param grpcPort 0 picks a free port (tests)
 * @param metricsPort 0 picks a free port (tests)
 * @param executorThreads the bounded pool that runs handlers
 * @param maxInboundMessageBytes larger requests are refused by the transport
 * @param keepAliveTime how often idle connections are pinged
 * @param drainDelay how long health reports NOT_SERVING before the server stops taking calls
 * @param shutdownGrace how long in-flight calls get to finish
 * @param healthProbeInterval how often the database is probed for the health status
 * @param healthPort a plaintext port serving only grpc health, for probes that cannot present a
 *     client certificate in mtls mode (kubelet); 0 means none
 * @param bindAddress the local address every port (gRPC, health, metrics) listens on:
 *     {@value #LOOPBACK} unless set otherwise ({@code 0.0.0.0} in a container)
 */
public record ServerSettings(
    int grpcPort,
    int metricsPort,
    int executorThreads,
    int maxInboundMessageBytes,
    Duration keepAliveTime,
    Duration drainDelay,
    Duration shutdownGrace,
    Duration healthProbeInterval,
    int healthPort,
    String bindAddress) {
  /** Where ports listen unless CUSTODY_BIND_ADDRESS says otherwise: this machine only. */
  public static final String LOOPBACK = "127.0.0.1";

  /** Settings with a health port, listening on loopback. */
  public ServerSettings(int grpcPort, int metricsPort, int executorThreads, int maxInboundMessageBytes, Duration keepAliveTime,
      Duration drainDelay, Duration shutdownGrace, Duration healthProbeInterval, int healthPort) {
    this(grpcPort, metricsPort, executorThreads, maxInboundMessageBytes, keepAliveTime, drainDelay, shutdownGrace, healthProbeInterval,
        healthPort, LOOPBACK);
  }

  /** Settings without a separate health port. */
  public ServerSettings(int grpcPort, int metricsPort, int executorThreads, int maxInboundMessageBytes, Duration keepAliveTime,
      Duration drainDelay, Duration shutdownGrace, Duration healthProbeInterval) {
    this(grpcPort, metricsPort, executorThreads, maxInboundMessageBytes, keepAliveTime, drainDelay, shutdownGrace, healthProbeInterval, 0);
  }

  /** Reads CUSTODY_GRPC_PORT, CUSTODY_METRICS_PORT, CUSTODY_GRPC_THREADS, CUSTODY_MAX_MESSAGE_BYTES,
   * CUSTODY_KEEPALIVE_TIME, CUSTODY_DRAIN_DELAY, CUSTODY_SHUTDOWN_GRACE, CUSTODY_HEALTH_PROBE_INTERVAL,
   * CUSTODY_HEALTH_PORT, CUSTODY_BIND_ADDRESS. */
  public static ServerSettings from(EnvReader env, int defaultGrpcPort, int defaultMetricsPort) {
    return new ServerSettings(
        env.integer("CUSTODY_GRPC_PORT", defaultGrpcPort, 0, 65535),
        env.integer("CUSTODY_METRICS_PORT", defaultMetricsPort, 0, 65535),
        env.integer("CUSTODY_GRPC_THREADS", 32, 1, 1024),
        env.integer("CUSTODY_MAX_MESSAGE_BYTES", 8 * 1024 * 1024, 64 * 1024, 64 * 1024 * 1024),
        env.duration("CUSTODY_KEEPALIVE_TIME", Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofHours(2)),
        env.duration("CUSTODY_DRAIN_DELAY", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(5)),
        env.duration("CUSTODY_SHUTDOWN_GRACE", Duration.ofSeconds(20), Duration.ZERO, Duration.ofMinutes(10)),
        env.duration("CUSTODY_HEALTH_PROBE_INTERVAL", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(5)),
        env.integer("CUSTODY_HEALTH_PORT", 0, 0, 65535),
        env.string("CUSTODY_BIND_ADDRESS", LOOPBACK));
  }

  /** Settings for tests: free ports, no drain, quick probes. */
  public static ServerSettings forTests() {
    return new ServerSettings(0, 0, 16, 8 * 1024 * 1024, Duration.ofSeconds(60), Duration.ZERO, Duration.ofSeconds(5), Duration.ofMillis(200));
  }
}
