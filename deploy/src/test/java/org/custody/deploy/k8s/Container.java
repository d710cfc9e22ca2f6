package org.custody.deploy.k8s;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One container of a workload, with the lookups the checks need. */
record Container(Workload workload, Node node) {
  String name() {
    return node.get("name").text();
  }

  /** The env entry named {@code name}, or a missing node. */
  Node env(String name) {
    return node.get("env").items().stream()
        .filter(e -> name.equals(e.get("name").text()))
        .findFirst().orElse(Node.of(null));
  }

  /** The literal value of an env var, or null when unset or taken from a reference. */
  String literal(String name) {
    return env(name).get("value").text();
  }

  /** Named container ports: name -> port number. */
  Map<String, Integer> ports() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Node port : node.get("ports").items()) {
      String name = port.get("name").text();
      port.get("containerPort").integer().ifPresent(p -> ports.put(name == null ? String.valueOf(p) : name, p.intValue()));
    }
    return ports;
  }

  /**
   * The pod volume a file path lives on: the volume mounted at the longest mountPath that
   * contains {@code path}.
   */
  Optional<Node> volumeHolding(String path) {
    Node best = null;
    int bestLength = -1;
    for (Node mount : node.get("volumeMounts").items()) {
      String mountPath = mount.get("mountPath").text();
      if (mountPath == null) {
        continue;
      }
      String prefix = mountPath.endsWith("/") ? mountPath : mountPath + "/";
      if ((path.equals(mountPath) || path.startsWith(prefix)) && mountPath.length() > bestLength) {
        best = workload.volume(mount.get("name").text());
        bestLength = mountPath.length();
      }
    }
    return Optional.ofNullable(best).filter(Node::isPresent);
  }

  /**
   * The Secret a file path is read from: the secret volume (or a projected volume's single
   * secret source) it is mounted from, if any.
   */
  Optional<String> secretHolding(String path) {
    return volumeHolding(path).flatMap(volume -> {
      if (volume.get("secret").isPresent()) {
        return Optional.ofNullable(volume.at("secret.secretName").text());
      }
      var sources = volume.at("projected.sources").items();
      if (!sources.isEmpty() && sources.stream().allMatch(s -> s.get("secret").isPresent())) {
        return Optional.ofNullable(sources.get(0).at("secret.name").text());
      }
      return Optional.empty();
    });
  }

  /** "Deployment/custody/identity container identity", for messages. */
  String where() {
    return workload.resource().id() + " container " + name();
  }
}
