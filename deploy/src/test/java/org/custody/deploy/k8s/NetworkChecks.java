package org.custody.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the NetworkPolicies allow, computed by evaluating them ({@link NetworkPolicies}) over a
 * model cluster ({@link ClusterTopology}), compared with what Custody needs: the call graph
 * between services and nothing else, clients on gRPC ports, Prometheus on metrics ports, each
 * service to its own database, DNS, and SMTP for disclosure and identity.
 */
final class NetworkChecks {
  /** A connection the policies allow from one Custody service to another. */
  record Edge(String from, String to, int port) implements Comparable<Edge> {
    @Override
    public int compareTo(Edge other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return from + " -> " + to + ":" + port;
    }
  }

  /** DESIGN.md's call graph: disclosure -> each leaf's gRPC port; nothing else. */
  static final Set<Edge> CALL_GRAPH = callGraph();

  /** A destination port and protocol. */
  private record Port(int number, String protocol) {
    @Override
    public String toString() {
      return number + "/" + protocol;
    }
  }

  /** Destination ports tried from every Custody pod towards every neighbour. */
  private static final List<Port> PROBE_PORTS = List.of(
      new Port(53, "UDP"), new Port(53, "TCP"), new Port(ClusterTopology.DATABASE_PORT, "TCP"),
      new Port(ClusterTopology.SMTP_PORT, "TCP"), new Port(25, "TCP"), new Port(80, "TCP"),
      new Port(443, "TCP"), new Port(22, "TCP"), new Port(5432, "TCP"), new Port(6443, "TCP"));

  private NetworkChecks() {}

  private static Set<Edge> callGraph() {
    Set<Edge> edges = new TreeSet<>();
    for (CustodyService caller : CustodyService.values()) {
      for (CustodyService callee : caller.calls()) {
        edges.add(new Edge(caller.id(), callee.id(), callee.grpcPort()));
      }
    }
    return Set.copyOf(edges);
  }

  /**
   * Every (service -> service:port) connection the policies allow, over every port the
   * destination serves, including from a pod to another replica of its own service.
   */
  static Set<Edge> serviceEdges(Manifests manifests) {
    NetworkPolicies policies = new NetworkPolicies(manifests);
    List<Endpoint> pods = new ClusterTopology(manifests).servicePods();
    Set<Edge> edges = new TreeSet<>();
    for (Endpoint from : pods) {
      for (Endpoint to : pods) {
        Endpoint destination = from == to ? replica(to) : to;
        for (int port : new TreeSet<>(to.namedPorts().values())) {
          if (policies.allows(from, destination, port, "TCP")) {
            edges.add(new Edge(from.service(), to.service(), port));
          }
        }
      }
    }
    return edges;
  }

  /** Service -> the services whose databases it can reach on the database port. */
  static Map<String, Set<String>> databasesReached(Manifests manifests) {
    NetworkPolicies policies = new NetworkPolicies(manifests);
    ClusterTopology topology = new ClusterTopology(manifests);
    Map<String, Set<String>> reached = new LinkedHashMap<>();
    for (Endpoint pod : topology.servicePods()) {
      Set<String> databases = new TreeSet<>();
      topology.databases().forEach((owner, db) -> {
        if (policies.allows(pod, db, ClusterTopology.DATABASE_PORT, "TCP")) {
          databases.add(owner);
        }
      });
      reached.put(pod.service(), databases);
    }
    return reached;
  }

  static List<String> check(Manifests manifests) {
    List<String> problems = new ArrayList<>();
    NetworkPolicies policies = new NetworkPolicies(manifests);
    ClusterTopology topology = new ClusterTopology(manifests);
    if (policies.all().stream().noneMatch(NetworkChecks::isDefaultDeny)) {
      problems.add("no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)");
    }

    Set<Edge> edges = serviceEdges(manifests);
    for (Edge extra : difference(edges, CALL_GRAPH)) {
      problems.add("NetworkPolicies allow " + extra + ", which is not in the call graph");
    }
    for (Edge missing : difference(CALL_GRAPH, edges)) {
      problems.add("NetworkPolicies block " + missing + ", which the call graph needs");
    }

    databasesReached(manifests).forEach((service, databases) -> {
      if (!databases.equals(Set.of(service))) {
        problems.add(service + " reaches the databases " + databases + " on port " + ClusterTopology.DATABASE_PORT
            + "; it must reach exactly its own");
      }
    });

    for (Endpoint pod : topology.servicePods()) {
      checkIngress(policies, topology, pod, problems);
      checkEgress(policies, topology, pod, problems);
    }
    return problems;
  }

  /** Clients reach the gRPC port, Prometheus the metrics port, nobody else anything. */
  private static void checkIngress(NetworkPolicies policies, ClusterTopology topology, Endpoint pod, List<String> problems) {
    for (Endpoint neighbour : topology.neighbours()) {
      for (Map.Entry<String, Integer> port : pod.namedPorts().entrySet()) {
        boolean expected = (neighbour == topology.clients() && port.getKey().equals("grpc"))
            || (neighbour == topology.monitoring() && port.getKey().equals("metrics"));
        boolean allowed = policies.allows(neighbour, pod, port.getValue(), "TCP");
        if (allowed != expected) {
          problems.add((allowed ? "" : "NOT ") + "allowed: " + neighbour + " -> " + pod.service() + " port "
              + port.getKey() + " (" + port.getValue() + "); expected the opposite");
        }
      }
    }
  }

  /** DNS, the service's own database, SMTP for the services that send mail (disclosure, identity); nothing else outside Custody. */
  private static void checkEgress(NetworkPolicies policies, ClusterTopology topology, Endpoint pod, List<String> problems) {
    Endpoint ownDatabase = topology.database(pod.service());
    boolean sendsMail = "disclosure".equals(pod.service()) || "identity".equals(pod.service());
    for (Endpoint neighbour : topology.neighbours()) {
      for (Port probe : PROBE_PORTS) {
        int port = probe.number();
        String protocol = probe.protocol();
        boolean permitted = (neighbour == topology.dns() && port == 53)
            || (neighbour == ownDatabase && port == ClusterTopology.DATABASE_PORT && protocol.equals("TCP"))
            || (sendsMail && port == ClusterTopology.SMTP_PORT && protocol.equals("TCP"));
        boolean required = (neighbour == topology.dns() && port == 53)
            || (neighbour == ownDatabase && port == ClusterTopology.DATABASE_PORT && protocol.equals("TCP"))
            || (sendsMail && neighbour == topology.smtpRelay() && port == ClusterTopology.SMTP_PORT);
        boolean allowed = policies.allows(pod, neighbour, port, protocol);
        if (allowed && !permitted) {
          problems.add("allowed: " + pod.service() + " -> " + neighbour + " " + probe + ", which it does not need");
        }
        if (!allowed && required) {
          problems.add("NOT allowed: " + pod.service() + " -> " + neighbour + " " + probe + ", which it needs");
        }
      }
    }
  }

  private static boolean isDefaultDeny(Resource policy) {
    Node spec = policy.node().get("spec");
    return spec.get("podSelector").entries().isEmpty()
        && NetworkPolicies.policyTypes(policy).containsAll(List.of("Ingress", "Egress"))
        && spec.get("ingress").items().isEmpty()
        && spec.get("egress").items().isEmpty();
  }

  /** Another pod of the same service: same labels, another address. */
  private static Endpoint replica(Endpoint pod) {
    return new Endpoint(pod.description() + " (replica)", pod.service(), pod.namespace(), pod.namespaceLabels(),
        pod.podLabels(), pod.ip().replaceFirst("^10\\.244\\.0\\.", "10.244.9."), pod.namedPorts());
  }

  private static Set<Edge> difference(Set<Edge> left, Set<Edge> right) {
    Set<Edge> result = new LinkedHashSet<>(new TreeSet<>(left));
    result.removeAll(right);
    return result;
  }
}
