package org.custody.disclosure.app;

import org.custody.platform.config.ConfigException;
import org.custody.platform.config.EnvReader;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.StandaloneRunner;

/** Runs the disclosure service alone; the launcher in deploy/ runs the whole suite. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    try {
      DisclosureConfig config = DisclosureConfig.from(EnvReader.fromSystem());
      StandaloneRunner.run(DisclosureApplication.SERVICE, config.common(),
          database -> DisclosureApplication.start(config, database, ServiceRuntime.systemClock()));
    } catch (ConfigException e) {
      StandaloneRunner.exitOnConfigError(e);
    }
  }
}
