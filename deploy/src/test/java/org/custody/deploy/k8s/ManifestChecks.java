package org.custody.deploy.k8s;

import java.util.ArrayList;
import java.util.List;

/**
 * Every check for one kustomization's objects, whether resolved by {@link Kustomization} or
 * rendered by {@code kubectl kustomize}: an empty list means the manifests are fit to deploy.
 */
final class ManifestChecks {
  private ManifestChecks() {}

  static List<String> all(Manifests manifests, Overlay overlay) {
    List<String> problems = new ArrayList<>();
    problems.addAll(WorkloadChecks.check(manifests));
    problems.addAll(SecretChecks.check(manifests));
    problems.addAll(WiringChecks.check(manifests));
    problems.addAll(NetworkChecks.check(manifests));
    switch (overlay) {
      case DEV -> problems.addAll(OverlayChecks.dev(manifests));
      case PRODUCTION -> problems.addAll(OverlayChecks.production(manifests));
      case BASE -> { }
    }
    return problems;
  }
}
