package org.custody.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two sets of objects (this project's kustomize reading and kubectl's rendering) object
 * by object, ignoring the order of objects but not of lists inside them.
 */
final class Equivalence {
  private Equivalence() {}

  static List<String> differences(Manifests expected, Manifests actual) {
    Map<String, Resource> left = byId(expected);
    Map<String, Resource> right = byId(actual);
    List<String> differences = new ArrayList<>();
    for (String id : left.keySet()) {
      if (!right.containsKey(id)) {
        differences.add(id + " is missing from kubectl's rendering");
      } else if (!left.get(id).body().equals(right.get(id).body())) {
        differences.add(id + " differs: this reader resolves " + left.get(id).body() + " but kubectl renders " + right.get(id).body());
      }
    }
    for (String id : right.keySet()) {
      if (!left.containsKey(id)) {
        differences.add(id + " is rendered by kubectl but not resolved by this reader");
      }
    }
    return differences;
  }

  private static Map<String, Resource> byId(Manifests manifests) {
    Map<String, Resource> byId = new TreeMap<>();
    manifests.all().forEach(r -> byId.put(r.id(), r));
    return byId;
  }
}
