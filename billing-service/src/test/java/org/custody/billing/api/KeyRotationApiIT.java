package org.custody.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.custody.billing.testing.Requests.createCard;
import static org.custody.billing.testing.Requests.createProfile;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.custody.billing.testing.BillingTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.billing.v1.BillingKeyServiceGrpc;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.DestroyKeyVersionRequest;
import org.custody.proto.billing.v1.DisableKeyVersionRequest;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.GetRewrapJobRequest;
import org.custody.proto.billing.v1.KeyVersion;
import org.custody.proto.billing.v1.KeyVersionState;
import org.custody.proto.billing.v1.ListKeyVersionsRequest;
import org.custody.proto.billing.v1.ListPaymentMethodsRequest;
import org.custody.proto.billing.v1.RewrapJob;
import org.custody.proto.billing.v1.RewrapJobState;
import org.custody.proto.billing.v1.RotateKeyEncryptionKeyRequest;
import org.custody.proto.billing.v1.StartRewrapRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rotation end to end: rotate, rewrap, disable and destroy the old version, and the data still reads. */
@ExtendWith(FreshDatabase.class)
class KeyRotationApiIT {
  private static BillingTestServer server;

  @BeforeAll
  static void start(DatabaseSettings database) {
    server = BillingTestServer.start(database, MutableClock.at("2026-03-15T10:00:00Z"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static ErrorDetails failure(Consumer<BillingKeyServiceGrpc.BillingKeyServiceBlockingStub> call) {
    return ErrorDetails.ofFailure(() -> call.accept(server.keys()));
  }

  private static List<KeyVersion> versions() {
    return server.keys().listKeyVersions(ListKeyVersionsRequest.getDefaultInstance()).getKeyVersionsList();
  }

  private static RewrapJob awaitFinished(String job) {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> server.keys().getRewrapJob(GetRewrapJobRequest.newBuilder().setName(job).build()).getJob(),
            j -> j.getState() != RewrapJobState.REWRAP_JOB_STATE_RUNNING);
  }

  @Test
  void P3_rotateRewrapDisableDestroy_dataStaysReadable() {
    List<BillingProfile> profiles = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      profiles.add(server.frontend().createBillingProfile(createProfile("k" + i)).getBillingProfile());
      server.frontend().createPaymentMethod(createCard("k" + i, "4242", 12, 2030, true));
    }
    int before = versions().size();
    KeyVersion rotated = server.keys().rotateKeyEncryptionKey(RotateKeyEncryptionKeyRequest.getDefaultInstance()).getKeyVersion();
    assertThat(rotated.getPrimary()).isTrue();
    assertThat(versions()).hasSize(before + 1);
    String old = versions().get(before - 1).getName();

    ErrorDetails inUse = failure(s -> s.disableKeyVersion(DisableKeyVersionRequest.newBuilder().setName(old).build()));
    assertThat(inUse.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(inUse.reason()).isEqualTo("KEY_VERSION_IN_USE");

    RewrapJob started = server.keys().startRewrap(StartRewrapRequest.getDefaultInstance()).getJob();
    assertThat(started.getTargetKeyVersion()).isEqualTo(rotated.getName());
    assertThat(started.getTotalKeys()).isGreaterThanOrEqualTo(25);
    RewrapJob done = awaitFinished(started.getName());
    assertThat(done.getState()).isEqualTo(RewrapJobState.REWRAP_JOB_STATE_SUCCEEDED);
    assertThat(done.getRewrappedKeys()).isEqualTo(started.getTotalKeys());
    assertThat(versions()).filteredOn(v -> v.getName().equals(old)).singleElement()
        .satisfies(v -> assertThat(v.getWrappedKeyCount()).isZero());

    assertThat(server.keys().disableKeyVersion(DisableKeyVersionRequest.newBuilder().setName(old).build()).getKeyVersion().getState())
        .isEqualTo(KeyVersionState.KEY_VERSION_STATE_DISABLED);
    assertThat(server.keys().destroyKeyVersion(DestroyKeyVersionRequest.newBuilder().setName(old).build()).getKeyVersion().getState())
        .isEqualTo(KeyVersionState.KEY_VERSION_STATE_DESTROYED);
    for (BillingProfile p : profiles) {
      assertThat(server.frontend().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(p.getName()).build()).getBillingProfile())
          .isEqualTo(p);
    }
    assertThat(server.frontend().listPaymentMethods(ListPaymentMethodsRequest.newBuilder().setParent("projects/acme/accounts/k7").build())
        .getPaymentMethods(0).getLast4()).isEqualTo("4242");

    String metrics = server.harness.scrapeMetrics();
    assertThat(metrics).containsPattern("custody_billing_key_versions\\{[^}]*state=\"destroyed\"[^}]*} 1\\.0");
    assertThat(metrics).containsPattern("custody_billing_key_versions\\{[^}]*state=\"enabled\"[^}]*} 1\\.0");
    assertThat(metrics).containsPattern("custody_billing_rewrap_keys_done(\\{[^}]*})? " + done.getRewrappedKeys() + "\\.0");
    // The gauge is registered as custody_billing_rewrap_keys_total; the Prometheus format reserves
    // "_total" for counters, so the exposition drops it from the gauge's name.
    assertThat(metrics).containsPattern("custody_billing_rewrap_keys(\\{[^}]*})? " + done.getTotalKeys() + "\\.0");
    assertThat(metrics).contains("# HELP custody_billing_key_versions");
  }

  @Test
  void disableKeyVersion_primary_isRefusedAndDestroyNeedsDisabled() {
    String primary = versions().stream().filter(KeyVersion::getPrimary).findFirst().orElseThrow().getName();
    assertThat(failure(s -> s.disableKeyVersion(DisableKeyVersionRequest.newBuilder().setName(primary).build())).reason())
        .isEqualTo("KEY_VERSION_IS_PRIMARY");
    assertThat(failure(s -> s.destroyKeyVersion(DestroyKeyVersionRequest.newBuilder().setName(primary).build())).reason())
        .isEqualTo("KEY_VERSION_NOT_DISABLED");
    assertThat(failure(s -> s.disableKeyVersion(DisableKeyVersionRequest.newBuilder().setName("keyVersions/9999999999").build())).code())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(failure(s -> s.getRewrapJob(GetRewrapJobRequest.newBuilder().setName("rewrapJobs/nope").build())).reason())
        .isEqualTo("REWRAP_JOB_NOT_FOUND");
  }

  @Test
  void P6_keyAdministration_isForOperatorsOnly() {
    var frontend = server.stub(BillingKeyServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.BILLING);
    try {
      frontend.rotateKeyEncryptionKey(RotateKeyEncryptionKeyRequest.getDefaultInstance());
      throw new AssertionError("the frontend rotated the key-encryption key");
    } catch (StatusRuntimeException e) {
      assertThat(ErrorDetails.of(e).reason()).isEqualTo("CALLER_NOT_ALLOWED");
    }
  }
}
