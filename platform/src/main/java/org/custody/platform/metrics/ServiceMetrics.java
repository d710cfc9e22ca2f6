package org.custody.platform.metrics;

import io.grpc.Status;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * One Prometheus registry per service, with JVM and process meters bound, and the gRPC server
 * interceptor that records per-method histograms (so dashboards can compute p99 from
 * {@code grpc_server_processing_duration_seconds_bucket}).
 */
public final class ServiceMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  public ServiceMetrics(String service) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags(List.of(Tag.of("application", "custody-" + service)));
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The gRPC server metrics interceptor, with histogram buckets on the latency timer. */
  public MetricCollectingServerInterceptor grpcInterceptor() {
    return new MetricCollectingServerInterceptor(registry,
        counter -> counter,
        timer -> timer.publishPercentileHistogram(),
        Status.Code.OK, Status.Code.INVALID_ARGUMENT, Status.Code.PERMISSION_DENIED, Status.Code.UNAVAILABLE);
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
