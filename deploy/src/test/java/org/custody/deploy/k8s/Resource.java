package org.custody.deploy.k8s;

import java.util.Map;
import java.util.Objects;

/** One Kubernetes object from a manifest, as parsed (a mutable copy is made wherever it changes). */
record Resource(Map<String, Object> body) {
  Resource {
    Objects.requireNonNull(body, "body");
  }

  Node node() {
    return Node.of(body);
  }

  String apiVersion() {
    return node().get("apiVersion").text();
  }

  String kind() {
    return node().get("kind").text();
  }

  String name() {
    return node().at("metadata.name").text();
  }

  /** The namespace as written, or null (cluster-scoped, or left to the kustomization). */
  String namespace() {
    return node().at("metadata.namespace").text();
  }

  /** {@code Kind/name} (with the namespace when set), for messages. */
  String id() {
    return kind() + "/" + (namespace() == null ? "" : namespace() + "/") + name();
  }
}
