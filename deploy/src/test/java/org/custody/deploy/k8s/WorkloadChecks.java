package org.custody.deploy.k8s;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every container of every workload: gRPC readiness and liveness probes on a port it serves,
 * resource requests and limits, a non-root fixed uid, a read-only root filesystem, no privilege
 * escalation, no capabilities, the RuntimeDefault seccomp profile, and a writable /tmp from an
 * emptyDir. Pods: no service-account token, no host namespaces, no hostPath volumes.
 */
final class WorkloadChecks {
  private static final Set<String> SECCOMP_TYPES = Set.of("RuntimeDefault", "Localhost");

  private WorkloadChecks() {}

  static List<String> check(Manifests manifests) {
    List<String> problems = new ArrayList<>();
    List<Workload> workloads = Workload.all(manifests);
    if (workloads.isEmpty()) {
      problems.add("no workloads found");
    }
    for (Workload w : workloads) {
      String where = w.resource().id();
      if (!w.pod().get("automountServiceAccountToken").isFalse()) {
        problems.add(where + ": automountServiceAccountToken must be false (the services never call the API server)");
      }
      for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
        if (w.pod().get(host).isTrue()) {
          problems.add(where + ": " + host + " is true");
        }
      }
      for (Node volume : w.pod().get("volumes").items()) {
        if (volume.get("hostPath").isPresent()) {
          problems.add(where + ": volume " + volume.get("name").text() + " is a hostPath");
        }
      }
      for (Container c : w.allContainers()) {
        checkSecurity(w, c, problems);
      }
      for (Container c : w.containers()) {
        checkProbes(c, problems);
        checkResources(c, problems);
        checkTmp(c, problems);
        String image = c.node().get("image").text();
        if (image == null || !image.substring(image.lastIndexOf('/') + 1).contains(":") || image.endsWith(":latest")) {
          problems.add(c.where() + ": image " + image + " has no fixed tag");
        }
      }
    }
    return problems;
  }

  private static void checkProbes(Container c, List<String> problems) {
    for (String kind : List.of("readinessProbe", "livenessProbe")) {
      Node probe = c.node().get(kind);
      if (probe.isMissing()) {
        problems.add(c.where() + ": no " + kind);
        continue;
      }
      Node port = probe.at("grpc.port");
      if (port.isMissing()) {
        problems.add(c.where() + ": " + kind + " is not a gRPC health probe (grpc.port)");
      } else if (port.integer().isEmpty() || !c.ports().containsValue(port.integer().get().intValue())) {
        problems.add(c.where() + ": " + kind + " probes port " + port + ", which the container does not declare");
      }
    }
  }

  private static void checkResources(Container c, List<String> problems) {
    Node resources = c.node().get("resources");
    for (String resource : List.of("cpu", "memory")) {
      BigDecimal request = Quantity.parse(resources.at("requests." + resource).text());
      BigDecimal limit = Quantity.parse(resources.at("limits." + resource).text());
      if (request == null) {
        problems.add(c.where() + ": no " + resource + " request");
      }
      if (limit == null) {
        problems.add(c.where() + ": no " + resource + " limit");
      }
      if (request != null && limit != null && request.compareTo(limit) > 0) {
        problems.add(c.where() + ": " + resource + " request exceeds its limit");
      }
    }
  }

  /** Container settings win over the pod's, as in Kubernetes. */
  private static void checkSecurity(Workload w, Container c, List<String> problems) {
    Node container = c.node().get("securityContext");
    Node pod = w.pod().get("securityContext");
    Node runAsNonRoot = effective(container, pod, "runAsNonRoot");
    Node runAsUser = effective(container, pod, "runAsUser");
    if (!runAsNonRoot.isTrue()) {
      problems.add(c.where() + ": runAsNonRoot is not true");
    }
    if (runAsUser.integer().isEmpty() || runAsUser.integer().get() <= 0) {
      problems.add(c.where() + ": no fixed non-root runAsUser");
    }
    if (!container.get("readOnlyRootFilesystem").isTrue()) {
      problems.add(c.where() + ": readOnlyRootFilesystem is not true");
    }
    if (!container.get("allowPrivilegeEscalation").isFalse()) {
      problems.add(c.where() + ": allowPrivilegeEscalation is not false");
    }
    if (container.get("privileged").isTrue()) {
      problems.add(c.where() + ": privileged");
    }
    List<String> dropped = container.at("capabilities.drop").items().stream().map(Node::text).toList();
    if (!dropped.contains("ALL")) {
      problems.add(c.where() + ": capabilities do not drop ALL");
    }
    if (!container.at("capabilities.add").items().isEmpty()) {
      problems.add(c.where() + ": capabilities are added");
    }
    String seccomp = effective(container, pod, "seccompProfile").get("type").text();
    if (!SECCOMP_TYPES.contains(String.valueOf(seccomp))) {
      problems.add(c.where() + ": seccompProfile is not RuntimeDefault");
    }
  }

  /** The JVM and the server write temporary files; the root filesystem is read-only. */
  private static void checkTmp(Container c, List<String> problems) {
    boolean tmpIsEmptyDir = c.node().get("volumeMounts").items().stream()
        .anyMatch(m -> "/tmp".equals(m.get("mountPath").text())
            && c.workload().volume(m.get("name").text()).get("emptyDir").isPresent());
    if (!tmpIsEmptyDir) {
      problems.add(c.where() + ": /tmp is not an emptyDir mount");
    }
  }

  private static Node effective(Node container, Node pod, String key) {
    return container.get(key).isPresent() ? container.get(key) : pod.get(key);
  }
}
