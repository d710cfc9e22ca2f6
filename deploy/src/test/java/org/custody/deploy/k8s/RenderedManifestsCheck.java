package org.custody.deploy.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command-line form of the rendered check, for CI (deploy/k8s/check-rendered.sh): renders
 * the base and every overlay with {@code kubectl kustomize}, runs {@link ManifestChecks} on the
 * output and compares it with {@link Kustomization}'s resolution. Exits non-zero on any problem
 * or rendering failure; prints "kubectl not installed: skipped" and exits 0 without kubectl.
 *
 * <p>Usage: {@code java ... org.custody.deploy.k8s.RenderedManifestsCheck [deploy/k8s]}
 */
public final class RenderedManifestsCheck {
  private RenderedManifestsCheck() {}

  public static void main(String[] args) {
    Path root = Path.of(args.length > 0 ? args[0] : "k8s");
    Optional<Path> kubectl = Kubectl.find();
    if (kubectl.isEmpty()) {
      System.out.println("kubectl not installed: skipped");
      return;
    }
    int failed = 0;
    for (Overlay overlay : Overlay.values()) {
      List<String> problems = new ArrayList<>();
      int objects = 0;
      try {
        Manifests rendered = Kubectl.kustomize(kubectl.get(), overlay.dir(root));
        objects = rendered.size();
        problems.addAll(ManifestChecks.all(rendered, overlay));
        problems.addAll(Equivalence.differences(Kustomization.build(overlay.dir(root)), rendered));
      } catch (RuntimeException e) {
        problems.add(e.getMessage());
      }
      if (problems.isEmpty()) {
        System.out.println("ok   " + overlay.id() + ": " + objects + " objects rendered by kubectl kustomize pass every check");
      } else {
        failed++;
        System.out.println("FAIL " + overlay.id() + ": " + problems.size() + " problems");
        problems.forEach(p -> System.out.println("  - " + p));
      }
    }
    if (failed > 0) {
      System.exit(1);
    }
  }
}
