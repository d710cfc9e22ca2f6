package org.custody.deploy.k8s;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something that sends or receives traffic, as NetworkPolicy sees it: a pod (namespace, the
 * namespace's labels, its own labels, its named ports) or an address outside the cluster.
 *
 * @param service the Custody service this pod runs, or null for anything else
 */
record Endpoint(String description, String service, String namespace, Map<String, String> namespaceLabels,
    Map<String, String> podLabels, String ip, Map<String, Integer> namedPorts) {

  Endpoint {
    namespaceLabels = Map.copyOf(namespaceLabels);
    podLabels = Map.copyOf(podLabels);
    namedPorts = Map.copyOf(namedPorts);
  }

  /** A pod; its namespace carries {@code kubernetes.io/metadata.name} as every namespace does. */
  static Endpoint pod(String description, String namespace, Map<String, String> namespaceLabels,
      Map<String, String> podLabels, String ip) {
    return new Endpoint(description, null, namespace, withName(namespace, namespaceLabels), podLabels, ip, Map.of());
  }

  static Endpoint servicePod(String service, String namespace, Map<String, String> namespaceLabels,
      Map<String, String> podLabels, String ip, Map<String, Integer> namedPorts) {
    return new Endpoint(service + " pod", service, namespace, withName(namespace, namespaceLabels), podLabels, ip, namedPorts);
  }

  /** An address outside the cluster: only ipBlock peers can match it. */
  static Endpoint external(String description, String ip) {
    return new Endpoint(description, null, null, Map.of(), Map.of(), ip, Map.of());
  }

  boolean isPod() {
    return namespace != null;
  }

  private static Map<String, String> withName(String namespace, Map<String, String> labels) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put("kubernetes.io/metadata.name", namespace);
    return all;
  }

  @Override
  public String toString() {
    return description;
  }
}
