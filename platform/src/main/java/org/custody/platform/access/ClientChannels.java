package org.custody.platform.access;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * Opens channels to other Custody services with this service's own identity: plaintext plus a
 * bearer token in token mode, a client certificate in mtls mode.
 */
public final class ClientChannels {
  private final AuthSettings auth;

  public ClientChannels(AuthSettings auth) {
    this.auth = auth;
  }

  public ManagedChannel open(String target) {
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target)
        .keepAliveTime(60, TimeUnit.SECONDS)
        // With a dns:/// target on a headless Service, spread calls over every pod of the leaf.
        .defaultLoadBalancingPolicy("round_robin")
        .maxInboundMessageSize(16 * 1024 * 1024);
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
