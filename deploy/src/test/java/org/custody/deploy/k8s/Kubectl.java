package org.custody.deploy.k8s;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, when kubectl is installed. */
final class Kubectl {
  private static final long TIMEOUT_SECONDS = 120;

  private Kubectl() {}

  /** kubectl from the PATH, if there is one. */
  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The objects {@code kubectl kustomize dir} prints; fails with kubectl's message if it fails. */
  static Manifests kustomize(Path kubectl, Path dir) {
    try {
      Path stderr = Files.createTempFile("kubectl-kustomize", ".err");
      try {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
            .redirectError(stderr.toFile())
            .start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "): "
              + Files.readString(stderr).strip());
        }
        return Manifests.parse(new String(out, StandardCharsets.UTF_8), "kubectl kustomize " + dir);
      } finally {
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + kubectl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering " + dir, e);
    }
  }
}
