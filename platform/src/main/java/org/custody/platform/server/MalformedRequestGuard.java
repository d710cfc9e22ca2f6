package org.custody.platform.server;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import org.custody.platform.access.CallContext;
import org.custody.platform.errors.ErrorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives undecodable requests a clear answer. grpc-java parses each request message with the
 * method's marshaller before any interceptor sees it, and a parse failure there escapes them
 * all: the caller gets {@code UNKNOWN} without details and the process logs a stack trace.
 *
 * <p>As {@link io.grpc.ServerInterceptors#useMarshalledMessages} does, this rebinds every method
 * of a service to another request marshaller, one that never throws: it yields a
 * {@link DecodedRequest}. The listener placed here (inside access control, so the caller is
 * known and unauthenticated callers never reach it) hands decoded messages on and answers a
 * failed one with {@code INVALID_ARGUMENT} ({@code MALFORMED_REQUEST}) or, for a message that
 * inflates past the inbound limit, {@code RESOURCE_EXHAUSTED} ({@code MESSAGE_TOO_LARGE}),
 * writing one WARN line with the method and caller and never a payload byte. For a client
 * stream the handler then sees the stream cancelled, as if the caller had gone away.
 * Responses keep their own marshaller: nothing is re-encoded.
 */
final class MalformedRequestGuard {
  private static final Logger log = LoggerFactory.getLogger(MalformedRequestGuard.class);

  static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
  static final String MESSAGE_TOO_LARGE = "MESSAGE_TOO_LARGE";

  private final ErrorStatus errors;

  MalformedRequestGuard(ErrorStatus errors) {
    this.errors = errors;
  }

  /** The same service whose requests are decoded by {@link DecodingMarshaller}. */
  ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
        .setSchemaDescriptor(original.getSchemaDescriptor());
    java.util.List<ServerMethodDefinition<?, ?>> methods = new java.util.ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<?, ?> guarded = guard(method);
      descriptor.addMethod(guarded.getMethodDescriptor());
      methods.add(guarded);
    }
    ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(builder::addMethod);
    return builder.build();
  }

  private <ReqT, RespT> ServerMethodDefinition<DecodedRequest<ReqT>, RespT> guard(ServerMethodDefinition<ReqT, RespT> definition) {
    MethodDescriptor<ReqT, RespT> method = definition.getMethodDescriptor();
    MethodDescriptor<DecodedRequest<ReqT>, RespT> decoding = method.toBuilder(
        new DecodingMarshaller<>(method.getRequestMarshaller()), method.getResponseMarshaller()).build();
    ServerCallHandler<ReqT, RespT> handler = definition.getServerCallHandler();
    return ServerMethodDefinition.create(decoding, (call, headers) -> {
      ServerCall.Listener<ReqT> inner = handler.startCall(new UndecodedCall<>(call, method), headers);
      return new RefusingListener<>(inner, call);
    });
  }

  private StatusRuntimeException refusal(DecodedRequest.Failure failure) {
    return failure == DecodedRequest.Failure.TOO_LARGE
        ? errors.of(Status.Code.RESOURCE_EXHAUSTED, MESSAGE_TOO_LARGE, "the request message is larger than this service accepts")
        : errors.of(Status.Code.INVALID_ARGUMENT, MALFORMED_REQUEST, "the request message could not be decoded as the method's request type");
  }

  /** Parses with the method's own marshaller, turning any failure into a value. */
  static final class DecodingMarshaller<T> implements MethodDescriptor.Marshaller<DecodedRequest<T>> {
    private final MethodDescriptor.Marshaller<T> delegate;

    DecodingMarshaller(MethodDescriptor.Marshaller<T> delegate) {
      this.delegate = delegate;
    }

    @Override
    public InputStream stream(DecodedRequest<T> value) {
      return delegate.stream(value.message());
    }

    @Override
    public DecodedRequest<T> parse(InputStream stream) {
      try {
        return DecodedRequest.of(delegate.parse(stream));
      } catch (StatusRuntimeException e) {
        // grpc's size-enforcing stream throws RESOURCE_EXHAUSTED while a message inflates.
        return DecodedRequest.failed(e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED
            ? DecodedRequest.Failure.TOO_LARGE : DecodedRequest.Failure.MALFORMED);
      } catch (RuntimeException e) {
        return DecodedRequest.failed(DecodedRequest.Failure.MALFORMED);
      }
    }
  }

  /**
   * Hands decoded messages on; refuses the call at the first one that is not, and a unary
   * request stream that does not hold exactly one message (grpc's stub would answer INTERNAL).
   */
  private final class RefusingListener<ReqT, RespT> extends ServerCall.Listener<DecodedRequest<ReqT>> {
    private final ServerCall.Listener<ReqT> inner;
    private final ServerCall<DecodedRequest<ReqT>, RespT> call;
    private final boolean singleRequest;
    private int messages;
    private boolean refused;

    RefusingListener(ServerCall.Listener<ReqT> inner, ServerCall<DecodedRequest<ReqT>, RespT> call) {
      this.inner = inner;
      this.call = call;
      this.singleRequest = call.getMethodDescriptor().getType().clientSendsOneMessage();
    }

    @Override
    public void onMessage(DecodedRequest<ReqT> request) {
      if (refused) {
        return;
      }
      messages++;
      if (!request.decoded()) {
        refuse(request.failure());
      } else if (singleRequest && messages > 1) {
        refuse(DecodedRequest.Failure.MALFORMED);
      } else {
        inner.onMessage(request.message());
      }
    }

    @Override
    public void onHalfClose() {
      if (refused) {
        return;
      }
      if (singleRequest && messages == 0) {
        refuse(DecodedRequest.Failure.MALFORMED);
        return;
      }
      inner.onHalfClose();
    }

    @Override
    public void onCancel() {
      if (!refused) {
        inner.onCancel();
      }
    }

    @Override
    public void onComplete() {
      if (!refused) {
        inner.onComplete();
      }
    }

    @Override
    public void onReady() {
      if (!refused) {
        inner.onReady();
      }
    }

    private void refuse(DecodedRequest.Failure failure) {
      refused = true;
      String method = call.getMethodDescriptor().getFullMethodName();
      log.warn("undecodable request refused method={} caller={} failure={}", method, callerOrUnknown(), failure);
      StatusRuntimeException e = refusal(failure);
      call.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
      // The handler sees the stream end as cancelled, so a client-stream handler drops what it holds.
      inner.onCancel();
    }
  }

  private static String callerOrUnknown() {
    try {
      return CallContext.caller();
    } catch (IllegalStateException e) {
      return "unauthenticated";
    }
  }

  /** The call as the handler expects it: typed by, and describing, the original method. */
  private static final class UndecodedCall<ReqT, RespT> extends ServerCall<ReqT, RespT> {
    private final ServerCall<DecodedRequest<ReqT>, RespT> delegate;
    private final MethodDescriptor<ReqT, RespT> method;

    UndecodedCall(ServerCall<DecodedRequest<ReqT>, RespT> delegate, MethodDescriptor<ReqT, RespT> method) {
      this.delegate = delegate;
      this.method = method;
    }

    @Override
    public void request(int numMessages) {
      delegate.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      delegate.sendHeaders(headers);
    }

    @Override
    public void sendMessage(RespT message) {
      delegate.sendMessage(message);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      delegate.close(status, trailers);
    }

    @Override
    public boolean isCancelled() {
      return delegate.isCancelled();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      delegate.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
      delegate.setCompression(compressor);
    }

    @Override
    public void setOnReadyThreshold(int numBytes) {
      delegate.setOnReadyThreshold(numBytes);
    }

    @Override
    public Attributes getAttributes() {
      return delegate.getAttributes();
    }

    @Override
    public String getAuthority() {
      return delegate.getAuthority();
    }

    @Override
    public SecurityLevel getSecurityLevel() {
      return delegate.getSecurityLevel();
    }

    @Override
    public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
      return method;
    }
  }
}
