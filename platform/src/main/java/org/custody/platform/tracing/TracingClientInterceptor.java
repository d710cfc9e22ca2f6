package org.custody.platform.tracing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * A client span per call on a channel to another Custody service, child of the current span, its
 * context sent along ({@code traceparent}) so the callee's server span joins the same trace.
 */
public final class TracingClientInterceptor implements ClientInterceptor {
  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;

  public TracingClientInterceptor(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("org.custody.platform");
  }

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
    Span span = tracer.spanBuilder(method.getFullMethodName()).setSpanKind(SpanKind.CLIENT)
        .setAttribute(RpcAttributes.SYSTEM, "grpc")
        .setAttribute(RpcAttributes.SERVICE, method.getServiceName())
        .setAttribute(RpcAttributes.METHOD, method.getBareMethodName())
        .startSpan();
    Context context = Context.current().with(span);
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<A> listener, Metadata headers) {
        openTelemetry.getPropagators().getTextMapPropagator().inject(context, headers, GrpcHeaders.SETTER);
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            span.setAttribute(RpcAttributes.GRPC_STATUS, status.getCode().value());
            if (!status.isOk()) {
              span.setStatus(StatusCode.ERROR, status.getCode().name());
            }
            span.end();
            super.onClose(status, trailers);
          }
        }, headers);
      }
    };
  }
}
