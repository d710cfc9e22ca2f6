package org.custody.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An object that runs pods (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod) and its pod spec. */
record Workload(Resource resource, Node pod, Map<String, String> podLabels) {
  /** Every workload in the manifests, whatever its kind, so no container escapes the checks. */
  static List<Workload> all(Manifests manifests) {
    List<Workload> workloads = new ArrayList<>();
    for (Resource r : manifests.all()) {
      Node template = switch (r.kind()) {
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> r.node().at("spec.template");
        case "CronJob" -> r.node().at("spec.jobTemplate.spec.template");
        case "Pod" -> r.node();
        default -> null;
      };
      if (template != null) {
        workloads.add(new Workload(r, template.get("spec"), template.at("metadata.labels").labels()));
      }
    }
    return workloads;
  }

  /** The regular containers (probes and ports apply to these). */
  List<Container> containers() {
    return pod.get("containers").items().stream().map(c -> new Container(this, c)).toList();
  }

  /** Regular and init containers (security settings apply to both). */
  List<Container> allContainers() {
    List<Container> all = new ArrayList<>(containers());
    pod.get("initContainers").items().forEach(c -> all.add(new Container(this, c)));
    return all;
  }

  /** The pod's volume named {@code name}, or a missing node. */
  Node volume(String name) {
    return pod.get("volumes").items().stream()
        .filter(v -> name.equals(v.get("name").text()))
        .findFirst().orElse(Node.of(null));
  }

  String name() {
    return resource.name();
  }

  String namespace() {
    return resource.namespace();
  }
}
