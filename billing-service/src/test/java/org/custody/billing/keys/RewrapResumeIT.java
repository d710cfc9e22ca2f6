package org.custody.billing.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.custody.billing.testing.Requests.createProfile;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.custody.billing.crypto.Envelope;
import org.custody.billing.crypto.KeyRing;
import org.custody.billing.crypto.RootKey;
import org.custody.billing.store.BillingStores;
import org.custody.billing.testing.BillingTestServer;
import org.custody.billing.testing.TestKek;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.GetRewrapJobRequest;
import org.custody.proto.billing.v1.ListKeyVersionsRequest;
import org.custody.proto.billing.v1.RewrapJobState;
import org.custody.proto.billing.v1.RotateKeyEncryptionKeyRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A rewrap job whose process died after its first batch is finished by the next process. */
@ExtendWith(FreshDatabase.class)
class RewrapResumeIT {
  @Test
  void rewrapJob_interruptedAfterABatch_isResumedByTheNextProcess(DatabaseSettings database) {
    MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
    List<BillingProfile> profiles = new ArrayList<>();
    try (BillingTestServer before = BillingTestServer.start(database, clock, BillingTestServer.config(database, TestKek.JSON, 10))) {
      for (int i = 0; i < 35; i++) {
        profiles.add(before.frontend().createBillingProfile(createProfile("w" + i)).getBillingProfile());
      }
      before.keys().rotateKeyEncryptionKey(RotateKeyEncryptionKeyRequest.getDefaultInstance());
    }

    // The process that dies: it starts the job, commits one batch, and is gone with its lease.
    String job;
    try (Database db = Database.open(database, "billing", null)) {
      BillingStores stores = new BillingStores(db.dsl());
      KeyRing ring = new KeyRing(RootKey.fromJson(TestKek.JSON), stores.kekVersions(), stores.transactions(), clock).open();
      Rewrapper dying = new Rewrapper(stores.dataKeys(), stores.rewrapJobs(), stores.kekVersions(), new Envelope(ring),
          stores.transactions(), new RandomIds(new SecureRandom()), clock, 10, Duration.ofSeconds(30));
      job = dying.start().id();
      assertThat(dying.runPending(Duration.ZERO)).isTrue();
      assertThat(dying.get(job).rewrappedKeys()).isEqualTo(10);
    }

    clock.advance(Duration.ofMinutes(1)); // its lease has expired by the time the service restarts
    try (BillingTestServer after = BillingTestServer.start(database, clock, BillingTestServer.config(database, TestKek.JSON, 10))) {
      var done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> after.keys().getRewrapJob(GetRewrapJobRequest.newBuilder().setName("rewrapJobs/" + job).build()).getJob(),
              j -> j.getState() != RewrapJobState.REWRAP_JOB_STATE_RUNNING);
      assertThat(done.getState()).isEqualTo(RewrapJobState.REWRAP_JOB_STATE_SUCCEEDED);
      assertThat(done.getTotalKeys()).isEqualTo(35);
      assertThat(done.getRewrappedKeys()).isEqualTo(35);
      assertThat(after.keys().listKeyVersions(ListKeyVersionsRequest.getDefaultInstance()).getKeyVersionsList())
          .extracting(v -> v.getWrappedKeyCount()).containsExactly(0L, 35L);
      for (BillingProfile p : profiles) {
        assertThat(after.frontend().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(p.getName()).build()).getBillingProfile())
            .isEqualTo(p);
      }
    }
  }
}
