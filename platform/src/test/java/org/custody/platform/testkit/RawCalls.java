package org.custody.platform.testkit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.custody.platform.access.Purpose;

/**
 * Calls a method with request bytes of the test's choosing (random, truncated, not the method's
 * type) through the channel's {@code ClientCall} and a byte marshaller, as a hostile client
 * would, and returns how the server closed the call.
 */
public final class RawCalls {
  /** Bytes in, bytes out: the server alone decides what they mean. */
  public static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private RawCalls() {}

  /** How the server ended a call. */
  public record Outcome(Status status, Metadata trailers, int responses) {
    public ErrorDetails details() {
      return ErrorDetails.of(status.asRuntimeException(trailers));
    }
  }

  /** Headers authenticating {@code caller} (token mode) for {@code purpose}. */
  public static Metadata headers(String caller, Purpose purpose) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TestCallers.token(caller));
    headers.put(Metadata.Key.of(Purpose.HEADER, Metadata.ASCII_STRING_MARSHALLER), purpose.headerValue());
    return headers;
  }

  /** Sends {@code messages} (none, one, or a client stream) and half-closes. */
  public static Outcome call(Channel channel, String fullMethod, MethodDescriptor.MethodType type,
      Metadata headers, List<byte[]> messages, String compressor) {
    MethodDescriptor<byte[], byte[]> method = MethodDescriptor.newBuilder(BYTES, BYTES)
        .setFullMethodName(fullMethod).setType(type).build();
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS);
    if (compressor != null) {
      options = options.withCompression(compressor);
    }
    ClientCall<byte[], byte[]> call = channel.newCall(method, options);
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    int[] responses = {0};
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onMessage(byte[] message) {
        responses[0]++;
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        done.complete(new Outcome(status, trailers, responses[0]));
      }
    }, headers);
    call.request(Integer.MAX_VALUE);
    for (byte[] message : messages) {
      call.sendMessage(message);
    }
    call.halfClose();
    try {
      return done.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the call did not end", e);
    }
  }

  /** One unary request. */
  public static Outcome unary(Channel channel, String fullMethod, Metadata headers, byte[] request) {
    return call(channel, fullMethod, MethodDescriptor.MethodType.UNARY, headers, List.of(request), null);
  }
}
