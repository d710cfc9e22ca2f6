package org.custody.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster the NetworkPolicies are judged in: Custody's own pods (from the Deployments) and
 * the neighbours docs/kubernetes.md asks operators to label — front-end callers, Prometheus,
 * cluster DNS, each service's database, the SMTP relay — plus intruders that must reach nothing:
 * a stray pod in the custody namespace, a pod that copies the client label from an unlabelled
 * namespace, an unlabelled pod in a client namespace, a pod that copies disclosure's labels in
 * another namespace, another application's database, and a host on the internet.
 */
final class ClusterTopology {
  /** Namespaces whose pods may call Custody carry this label; their calling pods the next one. */
  static final String CLIENT_NAMESPACE_LABEL = "custody.io/clients";
  static final String CLIENT_POD_LABEL = "app.kubernetes.io/part-of";
  static final String CLIENT_POD_VALUE = "custody-clients";
  static final String MONITORING_NAMESPACE = "monitoring";
  static final String DATABASE_NAMESPACE = "custody-data";
  /** A database pod (or the pods behind its Service) carries custody.io/database=<service>. */
  static final String DATABASE_LABEL = "custody.io/database";
  static final int DATABASE_PORT = 3306;
  static final int SMTP_PORT = 587;

  private final List<Endpoint> servicePods = new ArrayList<>();
  private final List<Endpoint> neighbours = new ArrayList<>();
  private final Map<String, Endpoint> databases = new LinkedHashMap<>();
  private final Endpoint clients;
  private final Endpoint monitoring;
  private final Endpoint dns;
  private final Endpoint smtpRelay;

  ClusterTopology(Manifests manifests) {
    Map<String, Map<String, String>> namespaceLabels = new LinkedHashMap<>();
    for (Resource ns : manifests.ofKind("Namespace")) {
      namespaceLabels.put(ns.name(), ns.node().at("metadata.labels").labels());
    }
    int host = 10;
    for (Workload w : Workload.all(manifests)) {
      Map<String, Integer> ports = new LinkedHashMap<>();
      w.containers().forEach(c -> ports.putAll(c.ports()));
      servicePods.add(Endpoint.servicePod(w.name(), w.namespace(), namespaceLabels.getOrDefault(w.namespace(), Map.of()),
          w.podLabels(), "10.244.0." + host++, ports));
    }
    clients = Endpoint.pod("front-end pod", "frontend", Map.of(CLIENT_NAMESPACE_LABEL, "true"),
        Map.of("app.kubernetes.io/name", "frontend", CLIENT_POD_LABEL, CLIENT_POD_VALUE), "10.244.1.10");
    monitoring = Endpoint.pod("prometheus pod", MONITORING_NAMESPACE, Map.of(),
        Map.of("app.kubernetes.io/name", "prometheus"), "10.244.2.10");
    dns = Endpoint.pod("kube-dns pod", "kube-system", Map.of(), Map.of("k8s-app", "kube-dns"), "10.244.3.10");
    smtpRelay = Endpoint.external("SMTP relay", "198.51.100.25");
    neighbours.addAll(List.of(clients, monitoring, dns, smtpRelay));
    int dbHost = 10;
    for (CustodyService service : CustodyService.values()) {
      Endpoint db = Endpoint.pod(service.id() + " database", DATABASE_NAMESPACE, Map.of(),
          Map.of(DATABASE_LABEL, service.id(), "app.kubernetes.io/name", "mariadb"), "10.244.4." + dbHost++);
      databases.put(service.id(), db);
      neighbours.add(db);
    }
    String custodyNamespace = servicePods.isEmpty() ? "custody" : servicePods.get(0).namespace();
    neighbours.addAll(List.of(
        Endpoint.pod("stray pod in the custody namespace", custodyNamespace,
            namespaceLabels.getOrDefault(custodyNamespace, Map.of()), Map.of("app.kubernetes.io/name", "debug"), "10.244.0.250"),
        Endpoint.pod("client-labelled pod in an unlabelled namespace", "default", Map.of(),
            Map.of(CLIENT_POD_LABEL, CLIENT_POD_VALUE), "10.244.5.10"),
        Endpoint.pod("unlabelled pod in a client namespace", "frontend", Map.of(CLIENT_NAMESPACE_LABEL, "true"),
            Map.of("app.kubernetes.io/name", "batch"), "10.244.1.11"),
        Endpoint.pod("pod copying disclosure's labels in another namespace", "default", Map.of(),
            Map.of("app.kubernetes.io/name", "disclosure", "app.kubernetes.io/part-of", "custody"), "10.244.5.11"),
        Endpoint.pod("another application's database", DATABASE_NAMESPACE, Map.of(),
            Map.of(DATABASE_LABEL, "other", "app.kubernetes.io/name", "mariadb"), "10.244.4.99"),
        Endpoint.external("internet host", "203.0.113.7")));
  }

  /** One pod per workload in the manifests (for Custody, one per service). */
  List<Endpoint> servicePods() {
    return servicePods;
  }

  /** Every endpoint that is not a Custody pod. */
  List<Endpoint> neighbours() {
    return neighbours;
  }

  Endpoint clients() {
    return clients;
  }

  Endpoint monitoring() {
    return monitoring;
  }

  Endpoint dns() {
    return dns;
  }

  Endpoint smtpRelay() {
    return smtpRelay;
  }

  /** The database of {@code service}. */
  Endpoint database(String service) {
    return databases.get(service);
  }

  Map<String, Endpoint> databases() {
    return databases;
  }
}
