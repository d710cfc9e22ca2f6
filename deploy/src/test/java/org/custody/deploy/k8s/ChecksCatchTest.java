package org.custody.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.deploy.k8s.KubernetesManifestsTest.CALL_GRAPH;
import static org.custody.deploy.k8s.KubernetesManifestsTest.resolved;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.custody.deploy.k8s.NetworkChecks.Edge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check of {@link KubernetesManifestsTest} fails on manifests broken the way it guards
 * against: the production overlay with one fault patched in.
 */
class ChecksCatchTest {
  private final Manifests production = resolved(Overlay.PRODUCTION);

  @Test
  void missingReadinessProbe() {
    Manifests broken = patched(production, container("identity", "readinessProbe: null"));
    assertThat(WorkloadChecks.check(broken)).anyMatch(p -> p.contains("identity") && p.contains("no readinessProbe"));
  }

  @Test
  void writableRootFilesystem() {
    Manifests broken = patched(production, container("billing", "securityContext: {readOnlyRootFilesystem: false}"));
    assertThat(WorkloadChecks.check(broken)).anyMatch(p -> p.contains("billing") && p.contains("readOnlyRootFilesystem"));
  }

  @Test
  void rootUser() {
    Manifests broken = patched(production, container("analytics", "securityContext: {runAsUser: 0, runAsNonRoot: false}"));
    assertThat(WorkloadChecks.check(broken))
        .anyMatch(p -> p.contains("runAsNonRoot is not true"))
        .anyMatch(p -> p.contains("no fixed non-root runAsUser"));
  }

  @Test
  void missingMemoryLimit() {
    Manifests broken = patched(production, container("disclosure", "resources: {limits: {memory: null}}"));
    assertThat(WorkloadChecks.check(broken)).anyMatch(p -> p.contains("disclosure") && p.contains("no memory limit"));
  }

  @Test
  void inlinedDatabasePassword() {
    Manifests broken = patched(production, container("identity", "env: [{name: CUSTODY_DB_PASSWORD, value: hunter2hunter2, valueFrom: null}]"));
    assertThat(SecretChecks.check(broken))
        .anyMatch(p -> p.contains("CUSTODY_DB_PASSWORD has a literal value"))
        .anyMatch(p -> p.contains("CUSTODY_DB_PASSWORD is not taken from a Secret"));
  }

  @Test
  void keyFileOutsideASecretVolume() {
    Manifests broken = patched(production, container("billing", "env: [{name: CUSTODY_BILLING_KEK_FILE, value: /tmp/keyset.json}]"));
    assertThat(SecretChecks.check(broken)).anyMatch(p -> p.contains("CUSTODY_BILLING_KEK_FILE has a literal value"));
    assertThat(WiringChecks.check(broken)).anyMatch(p -> p.contains("CUSTODY_BILLING_KEK_FILE must name a file on a Secret volume"));
  }

  @Test
  void secretWithData() {
    Manifests broken = production.with(resource("""
        apiVersion: v1
        kind: Secret
        metadata: {name: identity-database, namespace: custody}
        stringData: {password: hunter2}
        """));
    assertThat(SecretChecks.check(broken)).anyMatch(p -> p.contains("Secret/custody/identity-database carries data"));
  }

  @Test
  void sharedDatabaseAccount() {
    Manifests broken = patched(production, container("analytics",
        "env: [{name: CUSTODY_DB_URL, valueFrom: {secretKeyRef: {name: identity-database}}},"
            + " {name: CUSTODY_DB_USER, valueFrom: {secretKeyRef: {name: identity-database}}},"
            + " {name: CUSTODY_DB_PASSWORD, valueFrom: {secretKeyRef: {name: identity-database}}}]"));
    assertThat(SecretChecks.check(broken)).anyMatch(p -> p.contains("shares the database Secret identity-database"));
  }

  @Test
  void P6_billingMayCallIdentityForSessionsButNoOtherLeaf() {
    assertThat(NetworkChecks.serviceEdges(production)).contains(new Edge("billing", "identity", 7001))
        .doesNotContain(new Edge("billing", "analytics", 7003), new Edge("identity", "billing", 7002));
    Manifests broken = production.with(egress("billing", "analytics", 7003)).with(ingress("analytics", "billing"));
    assertThat(NetworkChecks.check(broken)).contains("NetworkPolicies allow billing -> analytics:7003, which is not in the call graph");
  }

  @Test
  void leafCallingALeaf() {
    Manifests broken = production.with(egress("identity", "billing", 7002)).with(ingress("billing", "identity"));
    assertThat(NetworkChecks.serviceEdges(broken)).contains(new Edge("identity", "billing", 7002));
    assertThat(NetworkChecks.check(broken)).contains("NetworkPolicies allow identity -> billing:7002, which is not in the call graph");
  }

  @Test
  void halfOpenedEdgeIsNoEdge() {
    // Egress alone is not enough: billing's ingress still refuses identity.
    Manifests broken = production.with(egress("identity", "billing", null));
    assertThat(NetworkChecks.serviceEdges(broken)).containsExactlyInAnyOrderElementsOf(CALL_GRAPH);
  }

  @Test
  void allowAllIngress() {
    Manifests broken = production.with(resource("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-all, namespace: custody}
        spec:
          podSelector: {}
          ingress: [{}]
        """));
    List<String> problems = NetworkChecks.check(broken);
    assertThat(problems).anyMatch(p -> p.startsWith("allowed: internet host -> identity port grpc"));
    assertThat(problems).anyMatch(p -> p.startsWith("allowed: unlabelled pod in a client namespace -> billing port metrics"));
    // Ingress alone opens no edge between services: the leaves' egress still goes only to their
    // databases and (billing, analytics) identity.
    assertThat(NetworkChecks.serviceEdges(broken)).containsExactlyInAnyOrderElementsOf(CALL_GRAPH);
  }

  @Test
  void databaseEgressToAnotherServicesDatabase() {
    Manifests broken = production.with(resource("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: identity-reads-billing, namespace: custody}
        spec:
          podSelector: {matchLabels: {app.kubernetes.io/name: identity}}
          policyTypes: [Egress]
          egress:
            - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: custody-data}}}]
              ports: [{port: 3306}]
        """));
    assertThat(NetworkChecks.databasesReached(broken).get("identity")).containsExactlyInAnyOrder("identity", "billing", "analytics", "disclosure");
    assertThat(NetworkChecks.check(broken)).anyMatch(p -> p.startsWith("identity reaches the databases"));
  }

  @Test
  void missingDefaultDeny() {
    Manifests broken = new Manifests(production.all().stream().filter(r -> !r.name().equals("default-deny")).toList());
    assertThat(NetworkChecks.check(broken)).anyMatch(p -> p.startsWith("no default-deny NetworkPolicy"));
  }

  @Test
  void probeOnTheMutualTlsPort() {
    Manifests broken = patched(production, container("identity", "livenessProbe: {grpc: {port: 7001}}"));
    assertThat(OverlayChecks.production(broken)).anyMatch(p -> p.contains("livenessProbe probes the mTLS port 7001"));
  }

  @Test
  void certificateWithTwoUris() {
    Manifests broken = patched(production, """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: billing}
        spec: {uris: [spiffe://custody/billing, spiffe://custody/disclosure]}
        """);
    assertThat(OverlayChecks.production(broken)).anyMatch(p -> p.contains("Certificate/custody/billing: URI SANs"));
  }

  @Test
  void tokenModeInProduction() {
    Manifests broken = patched(production, container("identity", "env: [{name: CUSTODY_AUTH_MODE, value: token}]"));
    assertThat(OverlayChecks.production(broken)).anyMatch(p -> p.contains("CUSTODY_AUTH_MODE is token, expected mtls"));
  }

  @Test
  void objectOutsideTheNamespace() {
    Manifests broken = production.with(resource("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: stray}
        """));
    assertThat(WiringChecks.check(broken)).contains("ConfigMap/stray has no namespace");
  }

  @Test
  void unsupportedKustomizeField(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nimages: [{name: custody/identity, newTag: '2'}]\n");
    assertThatThrownBy(() -> Kustomization.build(dir)).hasMessageContaining("field 'images' is not supported");
  }

  /** A strategic merge patch setting {@code fields} (flow-style YAML) on a service's container. */
  private static String container(String service, String fields) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s}
        spec: {template: {spec: {containers: [{name: %s, %s}]}}}
        """.formatted(service, service, fields);
  }

  /** {@code manifests} with a strategic merge patch applied to the object it names. */
  private static Manifests patched(Manifests manifests, String patchYaml) {
    Resource patch = resource(patchYaml);
    Resource target = manifests.find(patch.kind(), patch.name()).orElseThrow();
    return manifests.replacing(new Resource(StrategicMerge.apply(target.body(), patch.body())));
  }

  /** A NetworkPolicy letting {@code from}'s pods send to {@code to}'s pods, on {@code port} (null: any port). */
  private static Resource egress(String from, String to, Integer port) {
    String ports = port == null ? "" : ", ports: [{port: " + port + "}]";
    return resource("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: %s-to-%s, namespace: custody}
        spec:
          podSelector: {matchLabels: {app.kubernetes.io/name: %s}}
          policyTypes: [Egress]
          egress: [{to: [{podSelector: {matchLabels: {app.kubernetes.io/name: %s}}}]%s}]
        """.formatted(from, to, from, to, ports));
  }

  /** A NetworkPolicy letting {@code to}'s pods receive from {@code from}'s pods. */
  private static Resource ingress(String to, String from) {
    return resource("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: %s-from-%s, namespace: custody}
        spec:
          podSelector: {matchLabels: {app.kubernetes.io/name: %s}}
          ingress: [{from: [{podSelector: {matchLabels: {app.kubernetes.io/name: %s}}}]}]
        """.formatted(to, from, to, from));
  }

  private static Resource resource(String yaml) {
    return Manifests.parse(yaml, "test").all().get(0);
  }
}
