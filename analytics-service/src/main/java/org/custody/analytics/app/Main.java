package org.custody.analytics.app;

import org.custody.platform.config.ConfigException;
import org.custody.platform.config.EnvReader;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.StandaloneRunner;

/** Runs the analytics service alone; the launcher in deploy/ runs the whole suite. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    try {
      AnalyticsConfig config = AnalyticsConfig.from(EnvReader.fromSystem());
      StandaloneRunner.run(AnalyticsApplication.SERVICE, config.common(),
          database -> AnalyticsApplication.start(config, database, ServiceRuntime.systemClock()));
    } catch (ConfigException e) {
      StandaloneRunner.exitOnConfigError(e);
    }
  }
}
