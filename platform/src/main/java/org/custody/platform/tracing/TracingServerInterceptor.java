package org.custody.platform.tracing;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.custody.platform.access.CallContext;

/**
 * A server span per call, continuing the caller's trace (W3C {@code traceparent}), current while
 * the call's code runs, with its trace and span ids in the logging MDC ({@code trace_id},
 * {@code span_id}) so every log line of the call carries them. Attributes: the method, the caller
 * and the purpose established by access control, and the status; never a request's values.
 */
public final class TracingServerInterceptor implements ServerInterceptor {
  private final String service;
  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;

  /** For the server of {@code service} (e.g. identity), recorded on each span as {@code custody.service}. */
  public TracingServerInterceptor(String service, OpenTelemetry openTelemetry) {
    this.service = service;
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("org.custody.platform");
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    Context parent = openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), headers, GrpcHeaders.GETTER);
    String method = call.getMethodDescriptor().getFullMethodName();
    Span span = tracer.spanBuilder(method).setParent(parent).setSpanKind(SpanKind.SERVER)
        .setAttribute(RpcAttributes.SYSTEM, "grpc")
        .setAttribute(RpcAttributes.SERVER, service)
        .setAttribute(RpcAttributes.SERVICE, call.getMethodDescriptor().getServiceName())
        .setAttribute(RpcAttributes.METHOD, call.getMethodDescriptor().getBareMethodName())
        .startSpan();
    Context context = parent.with(span);
    ServerCall<Q, A> traced = new TracedCall<>(call, span);
    ServerCall.Listener<Q> listener;
    try (Scope ignored = context.makeCurrent(); LogContext log = LogContext.of(span)) {
      listener = next.startCall(traced, headers);
    }
    return new TracedListener<>(listener, context, span);
  }

  /** Records the status on the span as the call closes. */
  private static final class TracedCall<Q, A> extends SimpleForwardingServerCall<Q, A> {
    private final Span span;

    TracedCall(ServerCall<Q, A> call, Span span) {
      super(call);
      this.span = span;
    }

    @Override
    public void close(Status status, Metadata trailers) {
      recordCaller(span);
      span.setAttribute(RpcAttributes.GRPC_STATUS, status.getCode().value());
      if (RpcAttributes.isServerError(status.getCode())) {
        span.setStatus(StatusCode.ERROR, status.getCode().name());
      }
      super.close(status, trailers);
    }
  }

  /** Runs each callback in the span's context (and log context); ends the span when the call ends. */
  private static final class TracedListener<Q> extends SimpleForwardingServerCallListener<Q> {
    private final Context context;
    private final Span span;

    TracedListener(ServerCall.Listener<Q> listener, Context context, Span span) {
      super(listener);
      this.context = context;
      this.span = span;
    }

    @Override
    public void onMessage(Q message) {
      try (Scope ignored = context.makeCurrent(); LogContext log = LogContext.of(span)) {
        super.onMessage(message);
      }
    }

    @Override
    public void onHalfClose() {
      try (Scope ignored = context.makeCurrent(); LogContext log = LogContext.of(span)) {
        super.onHalfClose();
      }
    }

    @Override
    public void onCancel() {
      try (Scope ignored = context.makeCurrent(); LogContext log = LogContext.of(span)) {
        super.onCancel();
      } finally {
        span.end();
      }
    }

    @Override
    public void onComplete() {
      try (Scope ignored = context.makeCurrent(); LogContext log = LogContext.of(span)) {
        super.onComplete();
      } finally {
        span.end();
      }
    }

    @Override
    public void onReady() {
      try (Scope ignored = context.makeCurrent(); LogContext log = LogContext.of(span)) {
        super.onReady();
      }
    }
  }

  /** Who called and for what, once access control has said (absent when it refused the call). */
  private static void recordCaller(Span span) {
    try {
      span.setAttribute(RpcAttributes.CALLER, CallContext.caller());
      span.setAttribute(RpcAttributes.PURPOSE, CallContext.purpose().headerValue());
    } catch (IllegalStateException notAuthenticated) {
      // refused before access control established the caller: nothing to record
    }
  }
}
