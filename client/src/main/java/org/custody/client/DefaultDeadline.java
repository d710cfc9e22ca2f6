package org.custody.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives a call that sets no deadline the policy's. Not the service config's {@code timeout}: gRPC
 * applies that as an upper bound to every call, so a caller could never wait longer than it (a
 * full ledger verification takes minutes), however long the deadline it set itself.
 */
final class DefaultDeadline implements ClientInterceptor {
  private final Duration timeout;

  DefaultDeadline(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
    CallOptions withDeadline = options.getDeadline() == null
        ? options.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS) : options;
    return next.newCall(method, withDeadline);
  }
}
