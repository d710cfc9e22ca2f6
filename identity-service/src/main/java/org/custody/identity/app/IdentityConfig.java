package org.custody.identity.app;

import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.EnvReader;

/**
 * The identity service's configuration, read once at start.
 *
 * @param common ports, auth, database, home (see CommonConfig)
 */
public record IdentityConfig(CommonConfig common) {
  public static final int DEFAULT_GRPC_PORT = 7001;
  public static final int DEFAULT_METRICS_PORT = 9401;

  /** Reads and validates; throws ConfigException listing every problem. */
  public static IdentityConfig from(EnvReader env) {
    CommonConfig common = CommonConfig.from(env, DEFAULT_GRPC_PORT, DEFAULT_METRICS_PORT);
    env.finish();
    return new IdentityConfig(common);
  }
}
