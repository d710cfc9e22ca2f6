package org.custody.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custody.deploy.app.Launcher;
import org.custody.deploy.demo.Walkthrough;
import org.custody.platform.testkit.LogCapture;
import org.custody.platform.testkit.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product end to end: the launcher's demo walks through P1-P15 against the four real
 * services, and every answer must be what its clause demands. The suite's logs, meanwhile, must
 * carry none of the personal values the walkthrough sent.
 */
class DemoIT {
  @TempDir
  Path home;

  @Test
  void walkthrough_everyClauseAnswersAsThePolicyDemands() {
    SuiteOptions base = SuiteOptions.forTests(home, TestDatabases.admin());
    Map<String, String> environment = new HashMap<>(base.serviceEnvironment());
    Launcher.demoSettings().forEach(environment::putIfAbsent);
    SuiteOptions options = new SuiteOptions(base.home(), base.databasePrefix(), base.adminDatabase(), base.grpcPorts(),
        base.metricsPorts(), environment, Map.of());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<String> failures;
    String logs;
    try (LogCapture capture = LogCapture.start(); Suite suite = Suite.start(options)) {
      try {
        failures = Walkthrough.run(suite, new PrintStream(printed, true, StandardCharsets.UTF_8));
      } finally {
        for (String service : SuiteOptions.SERVICES) {
          org.custody.platform.db.DatabaseProvisioner.drop(TestDatabases.admin(),
              org.custody.platform.db.JdbcUrls.database(suite.database(service).jdbcUrl()));
        }
      }
      logs = capture.text();
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(failures).as(output).isEmpty();
    for (String clause : List.of("P1 ", "P2 ", "P3 ", "P4 ", "P5 ", "P6 ", "P7 ", "P8 ", "P9 ", "P10 ", "P11 ", "P12 ", "P13 ", "P14 ", "P15 ")) {
      assertThat(output).contains("\n" + clause);
    }
    assertThat(logs).doesNotContain("@example.com").doesNotContain("Jane Doe").doesNotContain("correct horse")
        .doesNotContain("1 Example Street").doesNotContain("192.0.2.");
  }
}
