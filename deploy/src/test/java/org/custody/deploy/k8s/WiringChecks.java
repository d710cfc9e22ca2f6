package org.custody.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each of the four services is deployed whole and consistently: a Deployment whose container
 * serves the service's gRPC and metrics ports and is told them through its env; a Service, a
 * PodDisruptionBudget and an autoscaling/v2 HorizontalPodAutoscaler that all find those pods;
 * billing's key-encryption keyset and disclosure's ledger signing key read from Secret volumes;
 * disclosure pointed at the three leaves' Services, and no leaf pointed at anybody.
 */
final class WiringChecks {
  private static final Pattern TARGET = Pattern.compile("dns:///([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc(?:\\.cluster\\.local)?:(\\d+)");

  private WiringChecks() {}

  static List<String> check(Manifests manifests) {
    List<String> problems = new ArrayList<>();
    checkNamespaces(manifests, problems);
    for (CustodyService service : CustodyService.values()) {
      Optional<Workload> workload = Workload.all(manifests).stream()
          .filter(w -> w.resource().kind().equals("Deployment") && w.name().equals(service.id()))
          .findFirst();
      if (workload.isEmpty()) {
        problems.add("no Deployment " + service.id());
        continue;
      }
      Workload w = workload.get();
      Optional<Container> container = serviceContainer(w);
      if (container.isEmpty()) {
        problems.add(w.resource().id() + ": no container named " + service.id());
        continue;
      }
      Container c = container.get();
      checkPorts(service, c, problems);
      checkDeployment(w, problems);
      checkService(manifests, service, w, c, problems);
      checkDisruptionBudget(manifests, w, problems);
      checkAutoscaler(manifests, w, problems);
      checkServiceAccount(manifests, w, problems);
      checkTargets(manifests, service, c, problems);
      if (service == CustodyService.BILLING) {
        requireSecretFile(c, "CUSTODY_BILLING_KEK_FILE", problems);
      }
      if (service == CustodyService.DISCLOSURE) {
        requireSecretFile(c, "CUSTODY_LEDGER_SIGNING_KEY_FILE", problems);
      }
    }
    return problems;
  }

  /**
   * One namespace for everything: an object without one would land in whatever namespace
   * kubectl's context names, outside the NetworkPolicies and the certificates' DNS names.
   */
  private static void checkNamespaces(Manifests manifests, List<String> problems) {
    Set<String> namespaces = new TreeSet<>();
    for (Resource r : manifests.all()) {
      if (Kustomization.isClusterScoped(r.kind())) {
        continue;
      }
      if (r.namespace() == null) {
        problems.add(r.id() + " has no namespace");
      } else {
        namespaces.add(r.namespace());
      }
    }
    if (namespaces.size() > 1) {
      problems.add("objects are spread over the namespaces " + namespaces);
    }
    for (String namespace : namespaces) {
      if (manifests.find("Namespace", namespace).isEmpty()) {
        problems.add("the namespace " + namespace + " is not defined (its Pod Security labels live there)");
      }
    }
  }

  /** The container that runs the service (named after it). */
  static Optional<Container> serviceContainer(Workload w) {
    return w.containers().stream().filter(c -> w.name().equals(c.name())).findFirst();
  }

  private static void checkPorts(CustodyService service, Container c, List<String> problems) {
    Map<String, Integer> ports = c.ports();
    if (!Integer.valueOf(service.grpcPort()).equals(ports.get("grpc"))) {
      problems.add(c.where() + ": port grpc is " + ports.get("grpc") + ", expected " + service.grpcPort());
    }
    if (!Integer.valueOf(service.metricsPort()).equals(ports.get("metrics"))) {
      problems.add(c.where() + ": port metrics is " + ports.get("metrics") + ", expected " + service.metricsPort());
    }
    if (!String.valueOf(ports.get("grpc")).equals(c.literal("CUSTODY_GRPC_PORT"))) {
      problems.add(c.where() + ": CUSTODY_GRPC_PORT does not match the grpc port");
    }
    if (!String.valueOf(ports.get("metrics")).equals(c.literal("CUSTODY_METRICS_PORT"))) {
      problems.add(c.where() + ": CUSTODY_METRICS_PORT does not match the metrics port");
    }
    String home = c.literal("CUSTODY_HOME");
    boolean homeWritable = home != null && c.volumeHolding(home).map(v -> v.get("emptyDir").isPresent()).orElse(false);
    if (!homeWritable) {
      problems.add(c.where() + ": CUSTODY_HOME must lie on a writable emptyDir (the root filesystem is read-only)");
    }
  }

  private static void checkDeployment(Workload w, List<String> problems) {
    Node selector = w.resource().node().at("spec.selector");
    if (selector.entries().isEmpty() || !NetworkPolicies.Selectors.matches(selector, w.podLabels())) {
      problems.add(w.resource().id() + ": spec.selector does not select its own pod template");
    }
  }

  private static void checkService(Manifests manifests, CustodyService service, Workload w, Container c, List<String> problems) {
    Optional<Resource> svc = manifests.find("Service", service.id());
    if (svc.isEmpty()) {
      problems.add("no Service " + service.id());
      return;
    }
    Node spec = svc.get().node().get("spec");
    if (spec.get("selector").entries().isEmpty() || !selects(spec.get("selector").labels(), w.podLabels())) {
      problems.add(svc.get().id() + ": selector does not select the " + service.id() + " pods");
    }
    for (String portName : List.of("grpc", "metrics")) {
      Optional<Node> port = spec.get("ports").items().stream().filter(p -> portName.equals(p.get("name").text())).findFirst();
      if (port.isEmpty()) {
        problems.add(svc.get().id() + ": no port named " + portName);
        continue;
      }
      Integer containerPort = c.ports().get(portName);
      if (containerPort == null) {
        continue; // reported by checkPorts
      }
      Node target = port.get().get("targetPort");
      boolean targetOk = target.isMissing()
          ? port.get().get("port").integer().map(p -> p.intValue() == containerPort).orElse(false)
          : target.integer().map(p -> p.intValue() == containerPort).orElse(portName.equals(target.text()));
      if (!targetOk || port.get().get("port").integer().map(p -> p.intValue() != containerPort).orElse(true)) {
        problems.add(svc.get().id() + ": port " + portName + " does not lead to container port " + containerPort);
      }
    }
  }

  private static void checkDisruptionBudget(Manifests manifests, Workload w, List<String> problems) {
    boolean covered = manifests.ofKind("PodDisruptionBudget").stream()
        .filter(pdb -> "policy/v1".equals(pdb.apiVersion()))
        .filter(pdb -> !pdb.node().at("spec.selector").entries().isEmpty()
            && NetworkPolicies.Selectors.matches(pdb.node().at("spec.selector"), w.podLabels()))
        .anyMatch(pdb -> pdb.node().at("spec.maxUnavailable").isPresent() || pdb.node().at("spec.minAvailable").isPresent());
    if (!covered) {
      problems.add(w.resource().id() + ": no policy/v1 PodDisruptionBudget with a budget selects its pods");
    }
  }

  private static void checkAutoscaler(Manifests manifests, Workload w, List<String> problems) {
    List<Resource> hpas = autoscalers(manifests, w.name());
    if (hpas.size() != 1) {
      problems.add(w.resource().id() + ": " + hpas.size() + " autoscaling/v2 HorizontalPodAutoscalers target it, expected 1");
      return;
    }
    Node spec = hpas.get(0).node().get("spec");
    long min = spec.get("minReplicas").integer().orElse(1L);
    long max = spec.get("maxReplicas").integer().orElse(0L);
    if (min < 1 || max < min) {
      problems.add(hpas.get(0).id() + ": replicas " + min + ".." + max + " are not a range");
    }
    if (spec.get("metrics").items().isEmpty()) {
      problems.add(hpas.get(0).id() + ": no metrics to scale on");
    }
    if (w.resource().node().at("spec.replicas").isPresent()) {
      problems.add(w.resource().id() + ": spec.replicas is set although an autoscaler owns the count (every apply would reset it)");
    }
  }

  /** The autoscaling/v2 HorizontalPodAutoscalers that scale Deployment {@code name}. */
  static List<Resource> autoscalers(Manifests manifests, String name) {
    return manifests.ofKind("HorizontalPodAutoscaler").stream()
        .filter(h -> "autoscaling/v2".equals(h.apiVersion()))
        .filter(h -> "Deployment".equals(h.node().at("spec.scaleTargetRef.kind").text())
            && name.equals(h.node().at("spec.scaleTargetRef.name").text()))
        .toList();
  }

  private static void checkServiceAccount(Manifests manifests, Workload w, List<String> problems) {
    String account = w.pod().get("serviceAccountName").text();
    if (account == null || manifests.find("ServiceAccount", account).isEmpty()) {
      problems.add(w.resource().id() + ": runs as service account " + account + ", which the manifests do not define");
    }
  }

  /** Disclosure names each leaf's Service and gRPC port; a leaf names nobody. */
  private static void checkTargets(Manifests manifests, CustodyService service, Container c, List<String> problems) {
    for (CustodyService other : CustodyService.values()) {
      String value = c.literal(other.targetVariable());
      boolean expected = service.calls().contains(other);
      if (!expected) {
        if (c.env(other.targetVariable()).isPresent()) {
          problems.add(c.where() + ": sets " + other.targetVariable() + " but " + service.id() + " does not call " + other.id());
        }
        continue;
      }
      Matcher m = value == null ? null : TARGET.matcher(value);
      if (m == null || !m.matches()) {
        problems.add(c.where() + ": " + other.targetVariable() + " is not dns:///<service>.<namespace>.svc:<port>: " + value);
        continue;
      }
      boolean right = m.group(1).equals(other.id()) && m.group(2).equals(c.workload().namespace())
          && Integer.parseInt(m.group(3)) == other.grpcPort()
          && manifests.find("Service", other.id()).map(s -> s.node().at("spec.ports").items().stream()
              .anyMatch(p -> p.get("port").integer().orElse(-1L) == other.grpcPort())).orElse(false);
      if (!right) {
        problems.add(c.where() + ": " + other.targetVariable() + "=" + value + " is not the " + other.id() + " Service's gRPC port");
      }
    }
  }

  private static void requireSecretFile(Container c, String variable, List<String> problems) {
    String path = c.literal(variable);
    if (path == null || c.secretHolding(path).isEmpty()) {
      problems.add(c.where() + ": " + variable + " must name a file on a Secret volume, is " + path);
    }
  }

  private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
