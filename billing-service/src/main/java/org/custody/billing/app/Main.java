package org.custody.billing.app;

import org.custody.platform.config.ConfigException;
import org.custody.platform.config.EnvReader;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.StandaloneRunner;

/** Runs the billing service alone; the launcher in deploy/ runs the whole suite. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    try {
      BillingConfig config = BillingConfig.from(EnvReader.fromSystem());
      StandaloneRunner.run(BillingApplication.SERVICE, config.common(),
          database -> BillingApplication.start(config, database, ServiceRuntime.systemClock()));
    } catch (ConfigException e) {
      StandaloneRunner.exitOnConfigError(e);
    }
  }
}
