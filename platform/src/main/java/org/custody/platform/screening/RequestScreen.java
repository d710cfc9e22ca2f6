package org.custody.platform.screening;

import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the request screens share: each request message is searched for fields holding a value
 * that must not be there; if any does, the call is refused with INVALID_ARGUMENT, the screen's
 * reason and one field violation per field path, counted per method and logged with the paths —
 * never the value, which must not reach a store, an idempotency record or a log.
 */
abstract class RequestScreen implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RequestScreen.class);

  private final MeterRegistry registry;
  private final String reason;
  private final String description;
  private final String counter;
  private final String counterDescription;

  RequestScreen(MeterRegistry registry, String reason, String description, String counter, String counterDescription) {
    this.registry = registry;
    this.reason = reason;
    this.description = description;
    this.counter = counter;
    this.counterDescription = counterDescription;
  }

  /** The paths of the fields of {@code message} this screen refuses, e.g. {@code billing_profile.address.address_lines[0]}. */
  abstract List<String> offendingFields(Message message);

  @Override
  public final <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      public void onMessage(ReqT message) {
        if (message instanceof Message proto) {
          List<String> fields = offendingFields(proto);
          if (!fields.isEmpty()) {
            String method = call.getMethodDescriptor().getFullMethodName();
            Counter.builder(counter).description(counterDescription).tag("method", method).register(registry).increment();
            log.warn("refused a request reason={} method={} fields={}", reason, method, fields);
            throw DomainException.invalid(reason, fields.stream().map(f -> new FieldViolation(f, description)).toList());
          }
        }
        super.onMessage(message);
      }
    };
  }
}
