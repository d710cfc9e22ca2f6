package org.custody.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.custody.deploy.process.LauncherProcess;
import org.junit.jupiter.api.Test;

/**
 * The long run behind the fault suite, off unless asked for: the launcher under the mixed load of
 * {@link MixedLoad} for {@code -Dcustody.soak.minutes=N} minutes, printing its resident memory,
 * threads and open file descriptors every minute, then requiring zero failed calls and exact
 * totals. See docs/operations.md ("The fault suite") for the command.
 */
class SoakIT {
  @Test
  void launcher_underMixedLoad_forMinutes_failsNothing_andStaysBounded() throws Exception {
    int minutes = Integer.getInteger("custody.soak.minutes", 0);
    assumeTrue(minutes > 0, "soak runs only with -Dcustody.soak.minutes=N");
    Path home = Files.createTempDirectory("custody-soak-").resolve("home");
    String dataDir = "--datadir=" + home.resolve("mariadb").toAbsolutePath().normalize();
    try (LauncherProcess launcher = LauncherProcess.startEmbedded(home, Map.of(), Duration.ofMinutes(3));
        MixedLoad load = new MixedLoad(launcher)) {
      LauncherFaultsIT.registerBroker(launcher);
      load.start(2, 2);
      long firstThreads = 0;
      long lastThreads = 0;
      for (int minute = 1; minute <= minutes; minute++) {
        Thread.sleep(60_000);
        long threads = status(launcher.pid(), "Threads:");
        System.out.printf("soak: minute %d rssKiB=%d threads=%d fds=%d batches=%d decisions=%d unacknowledged=%d%n", minute,
            status(launcher.pid(), "VmRSS:"), threads, openFiles(launcher.pid()), load.batchesAcknowledged.get(),
            load.decisionIndexes.size(), load.unacknowledged());
        firstThreads = minute == 1 ? threads : firstThreads;
        lastThreads = threads;
      }
      load.stop();
      assertThat(load.unacknowledged()).as("failed calls during the soak").isZero();
      assertThat(lastThreads).as("threads at the end vs after the first minute").isLessThan(firstThreads * 2);
      assertThat(load.viewsCounted()).as("views: every batch once").isEqualTo(load.batchesSent.get() * MixedLoad.VIEWS_PER_BATCH);
      assertThat(load.decisionIndexes).as("one ledger index per decision").hasSize((int) load.decisionsSent.get());
      assertThat(java.util.Set.copyOf(load.decisionIndexes.values())).hasSize((int) load.decisionsSent.get());
    } finally {
      LauncherProcess.processesWith(dataDir).forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static long status(long pid, String field) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith(field))
        .map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong).findFirst().orElse(-1);
  }

  private static long openFiles(long pid) throws IOException {
    try (var files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return files.count();
    }
  }
}
