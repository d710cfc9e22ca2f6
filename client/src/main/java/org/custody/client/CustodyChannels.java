package org.custody.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Channels to a Custody service, set up the way its servers expect: plaintext with a bearer token
 * (token mode, local and development) or mutual TLS with the caller's certificate (production);
 * the {@link RetryPolicy} as service config; keepalive within what the servers permit.
 *
 * <pre>{@code
 * ManagedChannel channel = CustodyChannels.plaintext("127.0.0.1:7001").build();
 * ManagedChannel secure = CustodyChannels.mutualTls("identity.custody.svc:7001",
 *     Path.of("tls.crt"), Path.of("tls.key"), Path.of("ca.crt")).build();
 * }</pre>
 */
public final class CustodyChannels {
  private final String target;
  private final Tls tls;
  private RetryPolicy retry = RetryPolicy.defaults();
  private int maxInboundMessageBytes = 16 * 1024 * 1024;
  private String overrideAuthority;

  private CustodyChannels(String target, Tls tls) {
    this.target = Objects.requireNonNull(target, "target");
    this.tls = tls;
  }

  /** A plaintext channel (token mode): pair it with {@link CustodyCredentials#of}. */
  public static CustodyChannels plaintext(String target) {
    return new CustodyChannels(target, null);
  }

  /**
   * A mutual-TLS channel: {@code certificateChain} and {@code privateKey} (PKCS#8 PEM) identify the
   * caller, {@code trustedCa} verifies the server. Pair it with {@link CustodyCredentials#purposeOnly}.
   */
  public static CustodyChannels mutualTls(String target, Path certificateChain, Path privateKey, Path trustedCa) {
    return new CustodyChannels(target, new Tls(certificateChain, privateKey, trustedCa));
  }

  public CustodyChannels retryPolicy(RetryPolicy policy) {
    this.retry = Objects.requireNonNull(policy);
    return this;
  }

  public CustodyChannels maxInboundMessageBytes(int bytes) {
    this.maxInboundMessageBytes = bytes;
    return this;
  }

  /** The name the server's certificate must carry, when it differs from the target's host. */
  public CustodyChannels overrideAuthority(String authority) {
    this.overrideAuthority = authority;
    return this;
  }

  public ManagedChannel build() {
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target)
        .defaultServiceConfig(retry.serviceConfig())
        .enableRetry()
        .intercept(new DefaultDeadline(retry.timeout()))
        .maxInboundMessageSize(maxInboundMessageBytes)
        // The servers permit a ping every 10 s; a minute is far inside that.
        .keepAliveTime(60, TimeUnit.SECONDS);
    if (overrideAuthority != null) {
      builder.overrideAuthority(overrideAuthority);
    }
    if (tls == null) {
      builder.usePlaintext();
    } else {
      try {
        builder.sslContext(GrpcSslContexts.forClient()
            .trustManager(tls.trustedCa().toFile())
            .keyManager(tls.certificateChain().toFile(), tls.privateKey().toFile())
            .build());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the client certificate, key or CA", e);
      }
    }
    return builder.build();
  }

  private record Tls(Path certificateChain, Path privateKey, Path trustedCa) {}
}
