package org.custody.billing.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.billing.testing.Samples.ADA;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custody.billing.crypto.DataKeyRow;
import org.custody.billing.profile.BillingProfile;
import org.custody.billing.testing.InMemoryBilling;
import org.custody.platform.api.AccountName;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class RewrapperTest {
  private final MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
  private final InMemoryBilling billing = new InMemoryBilling(clock, 3);

  private List<BillingProfile> profilesOfSubjects(int count) {
    List<BillingProfile> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      created.add(billing.profiles.create(new AccountName("acme", "a" + i), ADA));
    }
    return created;
  }

  @Test
  void runPending_movesEveryKeyAndReportsProgress() {
    profilesOfSubjects(10);
    billing.keyVersions.rotate();
    RewrapJob job = billing.rewrapper.start();
    assertThat(job.totalKeys()).isEqualTo(10);
    assertThat(billing.rewrapper.runPending(Duration.ofMinutes(1))).isFalse();
    RewrapJob done = billing.rewrapper.get(job.id());
    assertThat(done.state()).isEqualTo(RewrapJobState.SUCCEEDED);
    assertThat(done.rewrappedKeys()).isEqualTo(10);
    assertThat(done.finishTime()).isPresent();
    assertThat(billing.dataKeys.rows()).extracting(r -> r.ref().kekVersion()).containsOnly(2);
    assertThat(billing.rewrapper.progress()).hasValueSatisfying(p -> assertThat(p.rewrappedKeys()).isEqualTo(10));
  }

  @Test
  void runPending_resumesAfterARestartWithoutMovingAKeyTwice() {
    List<BillingProfile> profiles = profilesOfSubjects(10);
    billing.keyVersions.rotate();
    RewrapJob job = billing.rewrapper.start();
    // A budget of zero stops after one batch, as a crash after the first commit would.
    assertThat(billing.rewrapper.runPending(Duration.ZERO)).isTrue();
    assertThat(billing.rewrapper.get(job.id()).rewrappedKeys()).isEqualTo(3);

    Rewrapper restarted = new Rewrapper(billing.dataKeys, billing.rewrapJobs, billing.kekVersions, billing.envelope,
        billing.transactions, billing.ids, clock, 3, Duration.ofSeconds(30)).load();
    clock.advance(Duration.ofMinutes(1)); // the dead process's lease expires
    assertThat(restarted.runPending(Duration.ofMinutes(1))).isFalse();
    RewrapJob done = restarted.get(job.id());
    assertThat(done.state()).isEqualTo(RewrapJobState.SUCCEEDED);
    assertThat(done.rewrappedKeys()).isEqualTo(10);
    for (BillingProfile p : profiles) {
      assertThat(billing.profiles.get(p.subject(), p.id()).details()).isEqualTo(ADA);
    }
  }

  @Test
  void runPending_jobLeasedByAnotherProcess_isLeftAlone() {
    profilesOfSubjects(4);
    billing.keyVersions.rotate();
    RewrapJob job = billing.rewrapper.start();
    billing.rewrapJobs.leaseElsewhere(job.id(), clock.instant().plusSeconds(30));
    assertThat(billing.rewrapper.runPending(Duration.ofMinutes(1))).isFalse();
    assertThat(billing.rewrapper.get(job.id()).rewrappedKeys()).isZero();
  }

  @Test
  void start_whileOneRuns_returnsTheRunningJob() {
    profilesOfSubjects(2);
    billing.keyVersions.rotate();
    RewrapJob first = billing.rewrapper.start();
    assertThat(billing.rewrapper.start().id()).isEqualTo(first.id());
  }

  @Test
  void runPending_keyErasedMidJob_staysErased() {
    profilesOfSubjects(6);
    billing.keyVersions.rotate();
    billing.rewrapper.start();
    billing.rewrapper.runPending(Duration.ZERO);
    DataKeyRow last = billing.dataKeys.rows().get(billing.dataKeys.rows().size() - 1);
    billing.erasure.erase(last.subject(), Optional.empty());
    billing.rewrapper.runPending(Duration.ofMinutes(1));
    assertThat(billing.dataKeys.rows()).hasSize(5).noneMatch(r -> r.ref().id().equals(last.ref().id()));
  }
}
