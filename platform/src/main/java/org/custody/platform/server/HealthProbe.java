package org.custody.platform.server;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sets every service's health from the database probe, logging transitions only. */
final class HealthProbe implements Runnable {
private static final Logger log = LoggerFactory.getLogger(HealthProbe.class);

  private final String name;
  private final HealthStatusManager health;
  private final List<String> serviceNames;
  private final BooleanSupplier reachable;
  private volatile ServingStatus last;

  HealthProbe(String name, HealthStatusManager health, List<String> serviceNames, BooleanSupplier reachable) {
    this.name = name;
    this.health = health;
    this.serviceNames = serviceNames;
    this.reachable = reachable;
  }

  double servingValue() {
    return last == ServingStatus.SERVING ? 1 : 0;
  }

  /** Whether the database answered the last probe (true before the first). */
  boolean serving() {
    return last != ServingStatus.NOT_SERVING;
  }

  @Override
  public void run() {
    ServingStatus status;
    try {
      status = reachable.getAsBoolean() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    } catch (RuntimeException e) {
      status = ServingStatus.NOT_SERVING;
    } catch (Error e) {
      // A scheduled task that throws is never run again: health would freeze at its last value.
      log.warn("health probe failed service={} error={}", name, e.getClass().getName());
      status = ServingStatus.NOT_SERVING;
    }
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    for (String service : serviceNames) {
      health.setStatus(service, status);
    }
    if (status != last) {
      if (last != null) {
        log.warn("health changed service={} status={}", name, status);
      }
      last = status;
    }
  }
}
