package org.custody.billing.app;

import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.EnvReader;

/** The billing service's configuration, read once at start. */
public record BillingConfig(CommonConfig common) {
  public static final int DEFAULT_GRPC_PORT = 7002;
  public static final int DEFAULT_METRICS_PORT = 9402;

  public static BillingConfig from(EnvReader env) {
    CommonConfig common = CommonConfig.from(env, DEFAULT_GRPC_PORT, DEFAULT_METRICS_PORT);
    env.finish();
    return new BillingConfig(common);
  }
}
