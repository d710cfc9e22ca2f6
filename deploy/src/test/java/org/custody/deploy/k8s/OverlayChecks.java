package org.custody.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What distinguishes the overlays. Dev: bearer tokens from a Secret, one pod per service.
 * Production: mutual TLS with a cert-manager certificate per service (URI SAN
 * {@code spiffe://custody/<service>}, client and server auth), probes kept off the TLS port
 * (kubelet's gRPC probe speaks plaintext and has no client certificate), no tokens, at least
 * three pods per service, and a ServiceMonitor scraping every service's /metrics.
 */
final class OverlayChecks {
  static final int PRODUCTION_MIN_REPLICAS = 3;
  private static final List<String> TLS_FILES = List.of("CUSTODY_TLS_CERT", "CUSTODY_TLS_KEY", "CUSTODY_TLS_CA");
  private static final List<String> TOKEN_VARIABLES = List.of("CUSTODY_CALLER_TOKENS", "CUSTODY_CALLER_TOKENS_FILE", "CUSTODY_CLIENT_TOKEN");

  private OverlayChecks() {}

  static List<String> dev(Manifests manifests) {
    List<String> problems = new ArrayList<>();
    forEachService(manifests, problems, (service, c) -> {
      if (!"token".equals(c.literal("CUSTODY_AUTH_MODE"))) {
        problems.add(c.where() + ": CUSTODY_AUTH_MODE is " + c.literal("CUSTODY_AUTH_MODE") + ", expected token");
      }
      String tokens = c.literal("CUSTODY_CALLER_TOKENS_FILE");
      if (tokens == null || c.secretHolding(tokens).isEmpty()) {
        problems.add(c.where() + ": CUSTODY_CALLER_TOKENS_FILE must name a file on a Secret volume");
      }
      if (!service.calls().isEmpty() && c.env("CUSTODY_CLIENT_TOKEN").at("valueFrom.secretKeyRef").isMissing()) {
        problems.add(c.where() + ": calls other services but CUSTODY_CLIENT_TOKEN is not from a secretKeyRef");
      }
      for (Resource hpa : WiringChecks.autoscalers(manifests, service.id())) {
        long min = hpa.node().at("spec.minReplicas").integer().orElse(1L);
        long max = hpa.node().at("spec.maxReplicas").integer().orElse(-1L);
        if (min != 1 || max != 1) {
          problems.add(hpa.id() + ": dev runs one pod, replicas are " + min + ".." + max);
        }
      }
    });
    return problems;
  }

  static List<String> production(Manifests manifests) {
    List<String> problems = new ArrayList<>();
    forEachService(manifests, problems, (service, c) -> {
      if (!"mtls".equals(c.literal("CUSTODY_AUTH_MODE"))) {
        problems.add(c.where() + ": CUSTODY_AUTH_MODE is " + c.literal("CUSTODY_AUTH_MODE") + ", expected mtls");
      }
      for (String variable : TOKEN_VARIABLES) {
        if (c.env(variable).isPresent()) {
          problems.add(c.where() + ": " + variable + " is set in mtls mode");
        }
      }
      Optional<Resource> certificate = manifests.ofKind("Certificate").stream()
          .filter(r -> "cert-manager.io/v1".equals(r.apiVersion()) && r.name().equals(service.id()))
          .findFirst();
      if (certificate.isEmpty()) {
        problems.add("no cert-manager.io/v1 Certificate " + service.id());
      } else {
        checkCertificate(service, certificate.get(), c, problems);
      }
      checkProbesAvoidTls(c, problems);
      for (Resource hpa : WiringChecks.autoscalers(manifests, service.id())) {
        long min = hpa.node().at("spec.minReplicas").integer().orElse(1L);
        if (min < PRODUCTION_MIN_REPLICAS) {
          problems.add(hpa.id() + ": production keeps at least " + PRODUCTION_MIN_REPLICAS + " pods, minReplicas is " + min);
        }
      }
      checkScraped(manifests, service, problems);
    });
    return problems;
  }

  private static void checkCertificate(CustodyService service, Resource certificate, Container c, List<String> problems) {
    Node spec = certificate.node().get("spec");
    List<String> uris = spec.get("uris").items().stream().map(Node::text).toList();
    if (!uris.equals(List.of("spiffe://custody/" + service.id()))) {
      problems.add(certificate.id() + ": URI SANs are " + uris + ", expected exactly spiffe://custody/" + service.id());
    }
    List<String> usages = spec.get("usages").items().stream().map(Node::text).toList();
    if (!usages.containsAll(List.of("client auth", "server auth"))) {
      problems.add(certificate.id() + ": usages " + usages + " lack client auth or server auth");
    }
    String issuerKind = spec.at("issuerRef.kind").text();
    if (spec.at("issuerRef.name").text() == null || !Set.of("Issuer", "ClusterIssuer").contains(String.valueOf(issuerKind))) {
      problems.add(certificate.id() + ": no Issuer/ClusterIssuer reference");
    }
    String host = service.id() + "." + c.workload().namespace() + ".svc";
    if (spec.get("dnsNames").items().stream().noneMatch(n -> host.equals(n.text()))) {
      problems.add(certificate.id() + ": dnsNames lack " + host + ", the name callers dial and verify");
    }
    if (!"PKCS8".equals(spec.at("privateKey.encoding").text())) {
      problems.add(certificate.id() + ": privateKey.encoding must be PKCS8 (the server reads PKCS#8 keys)");
    }
    String secretName = spec.get("secretName").text();
    for (String variable : TLS_FILES) {
      String path = c.literal(variable);
      Optional<String> secret = path == null ? Optional.empty() : c.secretHolding(path);
      if (secret.isEmpty() || !secret.get().equals(secretName)) {
        problems.add(c.where() + ": " + variable + "=" + path + " is not a file of the certificate's Secret " + secretName);
      }
    }
  }

  private static void checkProbesAvoidTls(Container c, List<String> problems) {
    Integer grpc = c.ports().get("grpc");
    String health = c.literal("CUSTODY_HEALTH_PORT");
    for (String kind : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      Node port = c.node().at(kind + ".grpc.port");
      if (port.isMissing()) {
        continue;
      }
      if (grpc != null && port.integer().orElse(-1L) == grpc.longValue()) {
        problems.add(c.where() + ": " + kind + " probes the mTLS port " + grpc + "; kubelet's gRPC probe cannot complete mutual TLS");
      } else if (!String.valueOf(port.integer().orElse(-1L)).equals(health)) {
        problems.add(c.where() + ": " + kind + " probes port " + port + " but CUSTODY_HEALTH_PORT is " + health);
      }
    }
  }

  private static void checkScraped(Manifests manifests, CustodyService service, List<String> problems) {
    Optional<Resource> svc = manifests.find("Service", service.id());
    if (svc.isEmpty()) {
      return; // reported by WiringChecks
    }
    Optional<String> metricsPortName = svc.get().node().at("spec.ports").items().stream()
        .filter(p -> p.get("port").integer().orElse(-1L) == service.metricsPort())
        .map(p -> p.get("name").text()).findFirst();
    boolean scraped = manifests.ofKind("ServiceMonitor").stream()
        .filter(m -> "monitoring.coreos.com/v1".equals(m.apiVersion()))
        .filter(m -> watchesNamespace(m, svc.get().namespace()))
        .filter(m -> NetworkPolicies.Selectors.matches(m.node().at("spec.selector"), svc.get().node().at("metadata.labels").labels()))
        .flatMap(m -> m.node().at("spec.endpoints").items().stream())
        .anyMatch(e -> metricsPortName.isPresent() && metricsPortName.get().equals(e.get("port").text())
            && "/metrics".equals(e.get("path").text() == null ? "/metrics" : e.get("path").text()));
    if (!scraped) {
      problems.add("no ServiceMonitor scrapes " + svc.get().id() + " port " + metricsPortName.orElse("?") + " at /metrics");
    }
  }

  private static boolean watchesNamespace(Resource monitor, String namespace) {
    Node selector = monitor.node().at("spec.namespaceSelector");
    if (selector.isMissing()) {
      return namespace != null && namespace.equals(monitor.namespace());
    }
    return selector.get("any").isTrue()
        || selector.get("matchNames").items().stream().anyMatch(n -> n.text().equals(namespace));
  }

  private interface ServiceContainerCheck {
    void check(CustodyService service, Container container);
  }

  private static void forEachService(Manifests manifests, List<String> problems, ServiceContainerCheck check) {
    for (CustodyService service : CustodyService.values()) {
      Optional<Container> container = Workload.all(manifests).stream()
          .filter(w -> w.resource().kind().equals("Deployment") && w.name().equals(service.id()))
          .findFirst()
          .flatMap(WiringChecks::serviceContainer);
      if (container.isEmpty()) {
        problems.add("no " + service.id() + " container");
      } else {
        check.check(service, container.get());
      }
    }
  }
}
