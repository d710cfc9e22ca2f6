package org.custody.billing.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.custody.billing.crypto.KekState;
import org.custody.billing.crypto.KeyRing;
import org.custody.billing.keys.RewrapJob;
import org.custody.billing.keys.Rewrapper;

/** Billing's domain metrics; tags are bounded (a key version state), never an id. */
public final class BillingMetrics {
  private BillingMetrics() {}

  public static void keys(MeterRegistry registry, KeyRing ring, Rewrapper rewrapper) {
    for (KekState state : KekState.values()) {
      Gauge.builder("custody_billing_key_versions", ring, r -> r.countByState().get(state))
          .description("Key-encryption-key versions by state")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder("custody_billing_rewrap_keys_total", rewrapper, r -> r.progress().map(RewrapJob::totalKeys).orElse(0L))
        .description("Data keys to rewrap in the current or last rewrap job")
        .strongReference(true)
        .register(registry);
    Gauge.builder("custody_billing_rewrap_keys_done", rewrapper, r -> r.progress().map(RewrapJob::rewrappedKeys).orElse(0L))
        .description("Data keys rewrapped so far by the current or last rewrap job")
        .strongReference(true)
        .register(registry);
  }
}
