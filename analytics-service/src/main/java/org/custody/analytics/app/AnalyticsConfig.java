package org.custody.analytics.app;

import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.EnvReader;

/**
 * The analytics service's configuration, read once at start.
 *
 * @param dailyEpsilon each project's privacy budget per UTC day (CUSTODY_PRIVACY_BUDGET_PER_DAY, default 10)
 */
public record AnalyticsConfig(CommonConfig common, double dailyEpsilon) {
  public static final int DEFAULT_GRPC_PORT = 7003;
  public static final int DEFAULT_METRICS_PORT = 9403;

  public static AnalyticsConfig from(EnvReader env) {
    CommonConfig common = CommonConfig.from(env, DEFAULT_GRPC_PORT, DEFAULT_METRICS_PORT);
    double dailyEpsilon = env.decimal("CUSTODY_PRIVACY_BUDGET_PER_DAY", 10, 0.01, 1000);
    env.finish();
    return new AnalyticsConfig(common, dailyEpsilon);
  }
}
