package org.custody.platform.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;

/**
 * The process's OpenTelemetry, configured once from the standard {@code OTEL_*} variables
 * (OpenTelemetry's own autoconfiguration: {@code OTEL_TRACES_EXPORTER=otlp},
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_SERVICE_NAME}, {@code OTEL_TRACES_SAMPLER}...).
 * Nothing is exported unless {@code OTEL_TRACES_EXPORTER} says where: traces still propagate
 * between services and their ids still reach every log line.
 *
 * <p>OpenTelemetry keeps one instance per process ({@link GlobalOpenTelemetry}); the launcher's four
 * services share it. Tests install their own (an in-memory exporter) before starting services.
 */
public final class Tracing {
  /** Off unless configured: the exporters default to none instead of OpenTelemetry's otlp. */
  private static final Map<String, String> DEFAULTS = Map.of(
      "otel.traces.exporter", "none",
      "otel.metrics.exporter", "none",
      "otel.logs.exporter", "none",
      "otel.service.name", "custody");

  private Tracing() {}

  /** The process's OpenTelemetry, autoconfigured on first use unless one was installed. */
  public static synchronized OpenTelemetry openTelemetry() {
    if (!GlobalOpenTelemetry.isSet()) {
      AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> DEFAULTS)
          .setResultAsGlobal()
          .build();
    }
    return GlobalOpenTelemetry.get();
  }
}
