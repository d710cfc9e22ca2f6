package org.custody.platform.access;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingClientInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.custody.platform.tracing.Tracing;
import org.custody.platform.tracing.TracingClientInterceptor;

/**
 * Opens channels to other Custody services with this service's own identity: plaintext plus a
 * bearer token in token mode, a client certificate in mtls mode. Every call carries the trace
 * context (one trace across services); given a registry, the channels also record client-side
 * gRPC metrics ({@code grpc_client_*}).
 */
public final class ClientChannels {
  private final AuthSettings auth;
  private final MeterRegistry registry;

  public ClientChannels(AuthSettings auth) {
    this(auth, null);
  }

  /** With client-side metrics in {@code registry}. */
  public ClientChannels(AuthSettings auth, MeterRegistry registry) {
    this.auth = auth;
    this.registry = registry;
  }

  public ManagedChannel open(String target) {
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target)
        .keepAliveTime(60, TimeUnit.SECONDS)
        // With a dns:/// target on a headless Service, spread calls over every pod of the leaf.
        .defaultLoadBalancingPolicy("round_robin")
        .maxInboundMessageSize(16 * 1024 * 1024)
        .intercept(new TracingClientInterceptor(Tracing.openTelemetry()));
    if (registry != null) {
      builder.intercept(new MetricCollectingClientInterceptor(registry, counter -> counter, timer -> timer.publishPercentileHistogram(),
          Status.Code.OK, Status.Code.INVALID_ARGUMENT, Status.Code.PERMISSION_DENIED, Status.Code.UNAVAILABLE));
    }
    if (auth.mode() == AuthMode.MTLS) {
      try {
        builder.sslContext(GrpcSslContexts.forClient()
            .trustManager(auth.trustedCa().toFile())
            .keyManager(auth.certificate().toFile(), auth.privateKey().toFile())
            .build());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      builder.usePlaintext();
    }
    return builder.build();
  }

  /** Credentials for one call made for {@code purpose}. */
  public CallerCredentials credentials(Purpose purpose) {
    return CallerCredentials.of(auth.mode() == AuthMode.TOKEN ? auth.clientToken() : "", purpose);
  }
}
