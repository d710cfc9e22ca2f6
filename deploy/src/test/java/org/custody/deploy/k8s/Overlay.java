package org.custody.deploy.k8s;

import java.nio.file.Path;
import java.util.Locale;

/** The kustomizations under deploy/k8s, each checked on its own. */
enum Overlay {
  BASE("base"),
  DEV("overlays/dev"),
  PRODUCTION("overlays/production");

  private final String directory;

  Overlay(String directory) {
    this.directory = directory;
  }

  /** The kustomization directory under {@code k8sRoot} (deploy/k8s). */
  Path dir(Path k8sRoot) {
    return k8sRoot.resolve(directory);
  }

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
