package org.custody.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custody.deploy.k8s.NetworkChecks.Edge;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * deploy/k8s (Kustomize base + dev and production overlays) is fit to deploy: resolved here
 * without any tool, and, where kubectl is installed, rendered by {@code kubectl kustomize} and put
 * through the same checks. {@link ChecksCatchTest} breaks the manifests on purpose to prove each
 * check can fail; {@link StrategicMergeTest} checks the merge the overlays rely on.
 */
class KubernetesManifestsTest {
  /** The test runs in deploy/. */
  static final Path K8S = Path.of("k8s");

  /** The call graph, written out independently of {@link CustodyService#calls()}. */
  static final Set<Edge> CALL_GRAPH = Set.of(
      new Edge("disclosure", "identity", 7001),
      new Edge("disclosure", "billing", 7002),
      new Edge("disclosure", "analytics", 7003),
      // Session checks of front-end calls (issue 13 §4).
      new Edge("billing", "identity", 7001),
      new Edge("analytics", "identity", 7001),
      // Staff reads recorded in the disclosure ledger (issue 13 §5).
      new Edge("identity", "disclosure", 7004),
      new Edge("billing", "disclosure", 7004));

  static Manifests resolved(Overlay overlay) {
    return Kustomization.build(overlay.dir(K8S));
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void resolved_passesEveryCheck(Overlay overlay) {
    assertThat(ManifestChecks.all(resolved(overlay), overlay)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everyService_hasDeploymentServiceDisruptionBudgetAndAutoscaler(Overlay overlay) {
    Manifests manifests = resolved(overlay);
    for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "ServiceAccount")) {
      assertThat(manifests.ofKind(kind)).as(kind).extracting(Resource::name)
          .containsExactlyInAnyOrder("identity", "billing", "analytics", "disclosure");
    }
    assertThat(WiringChecks.check(manifests)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everyContainer_hasGrpcProbesLimitsNonRootAndReadOnlyRoot(Overlay overlay) {
    Manifests manifests = resolved(overlay);
    List<Container> containers = Workload.all(manifests).stream().flatMap(w -> w.allContainers().stream()).toList();
    assertThat(containers).hasSize(4);
    assertThat(WorkloadChecks.check(manifests)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void secrets_areReferencedNeverInlined(Overlay overlay) {
    Manifests manifests = resolved(overlay);
    assertThat(manifests.ofKind("Secret")).as("Secrets are created in the cluster, not kept here").isEmpty();
    assertThat(SecretChecks.check(manifests)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void networkPolicies_allowExactlyTheCallGraph(Overlay overlay) {
    assertThat(NetworkChecks.serviceEdges(resolved(overlay))).containsExactlyInAnyOrderElementsOf(CALL_GRAPH);
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void networkPolicies_letEachServiceReachOnlyItsOwnDatabase(Overlay overlay) {
    assertThat(NetworkChecks.databasesReached(resolved(overlay))).isEqualTo(Map.of(
        "identity", Set.of("identity"),
        "billing", Set.of("billing"),
        "analytics", Set.of("analytics"),
        "disclosure", Set.of("disclosure")));
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void networkPolicies_admitClientsMonitoringDnsAndSmtpOnly(Overlay overlay) {
    assertThat(NetworkChecks.check(resolved(overlay))).isEmpty();
  }

  @Test
  void production_runsMutualTlsWithOneSpiffeCertificatePerService() {
    Manifests production = resolved(Overlay.PRODUCTION);
    assertThat(production.ofKind("Certificate")).extracting(c -> c.node().at("spec.uris").items().get(0).text())
        .containsExactlyInAnyOrder("spiffe://custody/identity", "spiffe://custody/billing",
            "spiffe://custody/analytics", "spiffe://custody/disclosure");
    for (Workload w : Workload.all(production)) {
      Container c = WiringChecks.serviceContainer(w).orElseThrow();
      assertThat(c.literal("CUSTODY_AUTH_MODE")).isEqualTo("mtls");
      assertThat(c.secretHolding(c.literal("CUSTODY_TLS_KEY"))).contains(w.name() + "-tls");
    }
    assertThat(OverlayChecks.production(production)).isEmpty();
  }

  @Test
  void production_hasServiceMonitorAndMoreReplicasThanDev() {
    Manifests production = resolved(Overlay.PRODUCTION);
    assertThat(production.ofKind("ServiceMonitor")).hasSize(1);
    assertThat(production.ofKind("HorizontalPodAutoscaler"))
        .allSatisfy(h -> assertThat(h.node().at("spec.minReplicas").integer()).hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(3L)));
  }

  @Test
  void dev_usesTokensFromSecretsAndOnePod() {
    Manifests dev = resolved(Overlay.DEV);
    assertThat(OverlayChecks.dev(dev)).isEmpty();
    assertThat(dev.ofKind("Certificate")).isEmpty();
    assertThat(dev.ofKind("HorizontalPodAutoscaler"))
        .allSatisfy(h -> assertThat(h.node().at("spec.maxReplicas").integer()).contains(1L));
  }

  /**
   * The same checks on what kubectl renders. Without kubectl every test here is reported as
   * skipped, one by one (an assumption per test, not per class, which surefire would count as
   * nothing at all).
   */
  @Nested
  class Rendered {
    private Path kubectl;

    @BeforeEach
    void findKubectl() {
      Optional<Path> found = Kubectl.find();
      assumeTrue(found.isPresent(), "kubectl not installed: skipped");
      kubectl = found.get();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void rendered_passesEveryCheck(Overlay overlay) {
      Manifests rendered = Kubectl.kustomize(kubectl, overlay.dir(K8S));
      assertThat(ManifestChecks.all(rendered, overlay)).isEmpty();
      assertThat(NetworkChecks.serviceEdges(rendered)).containsExactlyInAnyOrderElementsOf(CALL_GRAPH);
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void rendered_equalsThisReadersResolution(Overlay overlay) {
      Manifests rendered = Kubectl.kustomize(kubectl, overlay.dir(K8S));
      assertThat(Equivalence.differences(resolved(overlay), rendered)).isEmpty();
    }
  }
}
