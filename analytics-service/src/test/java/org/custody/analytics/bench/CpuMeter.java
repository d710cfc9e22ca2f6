package org.custody.analytics.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM and by the MariaDB server process (when it runs on this machine)
 * between start and stop, so a benchmark can report cost per operation as well as throughput:
 * on a shared machine throughput depends on the neighbours, CPU per operation much less.
 */
final class CpuMeter {
  /** Milliseconds of CPU used, and the one-minute load average at the end. */
  record Usage(double jvmMillis, double databaseMillis, double loadAverage) {}

  private final long jvmStart;
  private final long databaseStart;

  private CpuMeter(long jvmStart, long databaseStart) {
    this.jvmStart = jvmStart;
    this.databaseStart = databaseStart;
  }

  static CpuMeter start() {
    return new CpuMeter(jvmNanos(), databaseTicks());
  }

  Usage stop() {
    return new Usage((jvmNanos() - jvmStart) / 1e6, (databaseTicks() - databaseStart) * 10.0,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static long jvmNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** utime + stime of mariadbd in clock ticks (1/100 s), or 0 when it cannot be read. */
  private static long databaseTicks() {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : (Iterable<Path>) processes::iterator) {
        Path comm = process.resolve("comm");
        if (process.getFileName().toString().chars().allMatch(Character::isDigit) && Files.isReadable(comm)
            && Files.readString(comm).trim().equals("mariadbd")) {
          String stat = Files.readString(process.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
