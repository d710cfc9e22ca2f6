package org.custody.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;

/** The span's ids in the logging MDC for as long as it is open; what was there before comes back. */
final class LogContext implements AutoCloseable {
  static final String TRACE_ID = "trace_id";
  static final String SPAN_ID = "span_id";

  private final String previousTrace;
  private final String previousSpan;

  private LogContext(SpanContext span) {
    previousTrace = MDC.get(TRACE_ID);
    previousSpan = MDC.get(SPAN_ID);
    MDC.put(TRACE_ID, span.getTraceId());
    MDC.put(SPAN_ID, span.getSpanId());
  }

  static LogContext of(Span span) {
    return new LogContext(span.getSpanContext());
  }

  @Override
  public void close() {
    restore(TRACE_ID, previousTrace);
    restore(SPAN_ID, previousSpan);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
