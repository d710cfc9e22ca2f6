package org.custody.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A set of Kubernetes objects: a resolved kustomization or the output of {@code kubectl kustomize}. */
final class Manifests {
  private final List<Resource> resources;

  Manifests(List<Resource> resources) {
    this.resources = List.copyOf(resources);
  }

  /** Parses multi-document YAML; empty documents (comments only) are skipped. */
  static Manifests parse(String yaml, String origin) {
    List<Resource> resources = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (document == null) {
        continue;
      }
      if (!(document instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException(origin + ": a document is not a mapping");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      map.forEach((key, value) -> body.put(String.valueOf(key), value));
      Resource resource = new Resource(body);
      if (resource.kind() == null || resource.name() == null) {
        throw new IllegalArgumentException(origin + ": a document has no kind or metadata.name");
      }
      resources.add(resource);
    }
    return new Manifests(resources);
  }

  static Manifests read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  List<Resource> all() {
    return resources;
  }

  List<Resource> ofKind(String kind) {
    return resources.stream().filter(r -> kind.equals(r.kind())).toList();
  }

  Optional<Resource> find(String kind, String name) {
    return resources.stream().filter(r -> kind.equals(r.kind()) && name.equals(r.name())).findFirst();
  }

  /** A copy with one object added (the negative tests build broken variants this way). */
  Manifests with(Resource extra) {
    List<Resource> copy = new ArrayList<>(resources);
    copy.add(extra);
    return new Manifests(copy);
  }

  /** A copy with {@code replacement} in place of the object of the same kind and name. */
  Manifests replacing(Resource replacement) {
    List<Resource> copy = new ArrayList<>();
    for (Resource r : resources) {
      boolean same = r.kind().equals(replacement.kind()) && r.name().equals(replacement.name());
      copy.add(same ? replacement : r);
    }
    return new Manifests(copy);
  }

  int size() {
    return resources.size();
  }
}
