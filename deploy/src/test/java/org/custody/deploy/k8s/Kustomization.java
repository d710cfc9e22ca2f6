package org.custody.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Resolves a kustomization the way {@code kubectl kustomize} does, for the subset the Custody
 * overlays use: {@code resources} (files, or directories holding a kustomization),
 * {@code patches} (strategic merge, by the patch's own kind and name or by a {@code target}
 * kind/name), and {@code namespace}. Any other field is refused, so an overlay cannot start using
 * a feature this reader would silently ignore; where kubectl is installed the tests also compare
 * this resolution with kubectl's.
 */
final class Kustomization {
  private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources", "patches");
  private static final Set<String> PATCH_FIELDS = Set.of("path", "target");
  private static final Set<String> TARGET_FIELDS = Set.of("kind", "name");
  /** Kinds the namespace transformer leaves alone. */
  private static final Set<String> CLUSTER_SCOPED = Set.of(
      "Namespace", "ClusterIssuer", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
      "PriorityClass", "StorageClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

  private Kustomization() {}

  /** The objects {@code kubectl kustomize dir} would print (ignoring their order). */
  static Manifests build(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no kustomization.yaml in " + dir);
    }
    Node spec = Node.of(readKustomization(file));
    for (String field : spec.entries().keySet()) {
      if (!SUPPORTED.contains(field)) {
        throw new IllegalArgumentException(file + ": field '" + field + "' is not supported by this reader; "
            + "extend Kustomization (and keep the kubectl comparison passing) before using it");
      }
    }
    List<Resource> resources = new ArrayList<>();
    for (Node entry : spec.get("resources").items()) {
      Path path = dir.resolve(entry.text()).normalize();
      resources.addAll(Files.isDirectory(path) ? build(path).all() : Manifests.read(path).all());
    }
    for (Node patch : spec.get("patches").items()) {
      resources = applyPatch(file, dir, patch, resources);
    }
    String namespace = spec.get("namespace").text();
    if (namespace != null) {
      resources = resources.stream().map(r -> inNamespace(r, namespace)).toList();
    }
    return new Manifests(resources);
  }

  /** A kustomization has no metadata.name, so it is read plainly rather than as a manifest. */
  private static Object readKustomization(Path file) {
    try {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static List<Resource> applyPatch(Path file, Path dir, Node patch, List<Resource> resources) {
    for (String field : patch.entries().keySet()) {
      if (!PATCH_FIELDS.contains(field)) {
        throw new IllegalArgumentException(file + ": patch field '" + field + "' is not supported (strategic merge files only)");
      }
    }
    Node target = patch.get("target");
    for (String field : target.entries().keySet()) {
      if (!TARGET_FIELDS.contains(field)) {
        throw new IllegalArgumentException(file + ": patch target field '" + field + "' is not supported");
      }
    }
    Path patchFile = dir.resolve(patch.get("path").text()).normalize();
    List<Resource> patched = new ArrayList<>(resources);
    for (Resource p : Manifests.read(patchFile).all()) {
      String kind = target.isPresent() ? target.get("kind").text() : p.kind();
      String name = target.isPresent() ? target.get("name").text() : p.name();
      int matches = 0;
      for (int i = 0; i < patched.size(); i++) {
        Resource r = patched.get(i);
        boolean selected = r.kind().equals(kind) && (name == null || r.name().equals(name))
            && (p.namespace() == null || p.namespace().equals(r.namespace()));
        if (selected) {
          Map<String, Object> body = new LinkedHashMap<>(p.body());
          if (target.isPresent()) {
            // With a target, the patch's own name is a placeholder: kustomize keeps the target's.
            body.remove("metadata");
            Map<String, Object> metadata = p.node().get("metadata").isMap()
                ? new LinkedHashMap<>(castMap(p.body().get("metadata"))) : new LinkedHashMap<>();
            metadata.remove("name");
            metadata.remove("namespace");
            if (!metadata.isEmpty()) {
              body.put("metadata", metadata);
            }
          }
          patched.set(i, new Resource(StrategicMerge.apply(r.body(), body)));
          matches++;
        }
      }
      if (matches == 0) {
        throw new IllegalArgumentException(patchFile + ": the patch for " + kind + "/" + name + " matches nothing");
      }
    }
    return patched;
  }

  /** Whether objects of this kind live outside namespaces (the namespace transformer skips them). */
  static boolean isClusterScoped(String kind) {
    return CLUSTER_SCOPED.contains(kind);
  }

  private static Resource inNamespace(Resource r, String namespace) {
    if (isClusterScoped(r.kind())) {
      return r;
    }
    Map<String, Object> metadata = new LinkedHashMap<>(castMap(r.body().get("metadata")));
    metadata.put("namespace", namespace);
    Map<String, Object> body = new LinkedHashMap<>(r.body());
    body.put("metadata", metadata);
    return new Resource(body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object value) {
    return (Map<String, Object>) value;
  }
}
