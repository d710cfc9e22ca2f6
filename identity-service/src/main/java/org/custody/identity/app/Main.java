package org.custody.identity.app;

import org.custody.platform.config.ConfigException;
import org.custody.platform.config.EnvReader;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.StandaloneRunner;

/** Runs the identity service alone; the launcher in deploy/ runs the whole suite. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    try {
      IdentityConfig config = IdentityConfig.from(EnvReader.fromSystem());
      StandaloneRunner.run(IdentityApplication.SERVICE, config.common(),
          database -> IdentityApplication.start(config, database, ServiceRuntime.systemClock()));
    } catch (ConfigException e) {
      StandaloneRunner.exitOnConfigError(e);
    }
  }
}
