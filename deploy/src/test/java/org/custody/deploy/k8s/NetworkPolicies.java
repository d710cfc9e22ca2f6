package org.custody.deploy.k8s;

import java.util.List;
import java.util.Map;

/**
 * Evaluates Kubernetes NetworkPolicy semantics: a connection is allowed when the source's
 * egress and the destination's ingress both allow it. A pod no policy selects for a direction
 * is unrestricted in that direction; a selected pod gets only what some rule of a selecting
 * policy allows. Peers: {@code podSelector} alone means the policy's namespace,
 * {@code namespaceSelector} alone every pod of the matching namespaces, both together the
 * intersection, {@code ipBlock} an address range (matched against pod addresses too, the
 * conservative reading, as the API leaves it to the network plugin). Traffic from the node
 * (kubelet probes) is outside NetworkPolicy and is not modelled.
 */
final class NetworkPolicies {
  private final List<Resource> policies;

  NetworkPolicies(Manifests manifests) {
    this.policies = manifests.ofKind("NetworkPolicy");
  }

  List<Resource> all() {
    return policies;
  }

  boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
    return egressAllows(from, to, port, protocol) && ingressAllows(from, to, port, protocol);
  }

  boolean egressAllows(Endpoint from, Endpoint to, int port, String protocol) {
    return directionAllows(from, "Egress", "egress", "to", to, port, protocol, to);
  }

  boolean ingressAllows(Endpoint from, Endpoint to, int port, String protocol) {
    return directionAllows(to, "Ingress", "ingress", "from", from, port, protocol, to);
  }

  /**
   * @param subject the pod whose policies decide (source for egress, destination for ingress)
   * @param peer the other end
   * @param destination whose named ports a named port in a rule refers to
   */
  private boolean directionAllows(Endpoint subject, String type, String rulesKey, String peersKey,
      Endpoint peer, int port, String protocol, Endpoint destination) {
    if (!subject.isPod()) {
      return true;
    }
    boolean selected = false;
    for (Resource policy : policies) {
      if (!subject.namespace().equals(policy.namespace())
          || !Selectors.matches(policy.node().at("spec.podSelector"), subject.podLabels())
          || !policyTypes(policy).contains(type)) {
        continue;
      }
      selected = true;
      for (Node rule : policy.node().at("spec." + rulesKey).items()) {
        if (portsMatch(rule.get("ports"), port, protocol, destination) && peersMatch(rule.get(peersKey), policy.namespace(), peer)) {
          return true;
        }
      }
    }
    return !selected;
  }

  /** policyTypes, or its default: Ingress, plus Egress when the policy has egress rules. */
  static List<String> policyTypes(Resource policy) {
    Node types = policy.node().at("spec.policyTypes");
    if (types.isPresent()) {
      return types.items().stream().map(Node::text).toList();
    }
    return policy.node().at("spec.egress").isPresent() ? List.of("Ingress", "Egress") : List.of("Ingress");
  }

  private static boolean portsMatch(Node ports, int port, String protocol, Endpoint destination) {
    if (ports.items().isEmpty()) {
      return true;
    }
    for (Node spec : ports.items()) {
      String specProtocol = spec.get("protocol").text() == null ? "TCP" : spec.get("protocol").text();
      if (!specProtocol.equals(protocol)) {
        continue;
      }
      Node specPort = spec.get("port");
      if (specPort.isMissing()) {
        return true;
      }
      Integer from = specPort.integer().map(Long::intValue).orElse(destination.namedPorts().get(specPort.text()));
      if (from == null) {
        continue;
      }
      int to = spec.get("endPort").integer().map(Long::intValue).orElse(from);
      if (port >= from && port <= to) {
        return true;
      }
    }
    return false;
  }

  private static boolean peersMatch(Node peers, String policyNamespace, Endpoint peer) {
    if (peers.items().isEmpty()) {
      return true;
    }
    for (Node candidate : peers.items()) {
      if (peerMatches(candidate, policyNamespace, peer)) {
        return true;
      }
    }
    return false;
  }

  private static boolean peerMatches(Node candidate, String policyNamespace, Endpoint peer) {
    Node ipBlock = candidate.get("ipBlock");
    if (ipBlock.isPresent()) {
      if (!Cidr.contains(ipBlock.get("cidr").text(), peer.ip())) {
        return false;
      }
      return ipBlock.get("except").items().stream().noneMatch(e -> Cidr.contains(e.text(), peer.ip()));
    }
    if (!peer.isPod()) {
      return false;
    }
    Node namespaceSelector = candidate.get("namespaceSelector");
    Node podSelector = candidate.get("podSelector");
    boolean namespaceOk = namespaceSelector.isPresent()
        ? Selectors.matches(namespaceSelector, peer.namespaceLabels())
        : peer.namespace().equals(policyNamespace);
    boolean podOk = podSelector.isMissing() || Selectors.matches(podSelector, peer.podLabels());
    return namespaceOk && podOk;
  }

  /** IPv4 CIDR membership; an IPv6 range never contains an IPv4 address. */
  static final class Cidr {
    private Cidr() {}

    static boolean contains(String cidr, String ip) {
      if (cidr == null || ip == null || cidr.contains(":")) {
        return false;
      }
      String[] parts = cidr.split("/");
      int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
      long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
      return (address(parts[0]) & mask) == (address(ip) & mask);
    }

    private static long address(String dotted) {
      long value = 0;
      for (String octet : dotted.split("\\.")) {
        value = (value << 8) | Integer.parseInt(octet);
      }
      return value;
    }
  }

  /** Kubernetes label selectors: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
  static final class Selectors {
    private Selectors() {}

    /** An empty selector matches everything; a missing one is treated as empty by the callers that allow it. */
    static boolean matches(Node selector, Map<String, String> labels) {
      for (Map.Entry<String, String> required : selector.get("matchLabels").labels().entrySet()) {
        if (!required.getValue().equals(labels.get(required.getKey()))) {
          return false;
        }
      }
      for (Node expression : selector.get("matchExpressions").items()) {
        String key = expression.get("key").text();
        List<String> values = expression.get("values").items().stream().map(Node::text).toList();
        boolean ok = switch (String.valueOf(expression.get("operator").text())) {
          case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
          case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
          case "Exists" -> labels.containsKey(key);
          case "DoesNotExist" -> !labels.containsKey(key);
          default -> throw new IllegalArgumentException("unknown selector operator " + expression.get("operator").text());
        };
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }
}
