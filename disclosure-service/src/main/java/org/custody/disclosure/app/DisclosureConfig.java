package org.custody.disclosure.app;

import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.EnvReader;

/** The disclosure service's configuration, read once at start. */
public record DisclosureConfig(CommonConfig common) {
  public static final int DEFAULT_GRPC_PORT = 7004;
  public static final int DEFAULT_METRICS_PORT = 9404;

  public static DisclosureConfig from(EnvReader env) {
    CommonConfig common = CommonConfig.from(env, DEFAULT_GRPC_PORT, DEFAULT_METRICS_PORT);
    env.finish();
    return new DisclosureConfig(common);
  }
}
