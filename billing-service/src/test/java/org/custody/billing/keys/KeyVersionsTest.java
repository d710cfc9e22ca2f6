package org.custody.billing.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.billing.testing.Samples.ADA;

import java.time.Duration;
import org.custody.billing.crypto.KekState;
import org.custody.billing.profile.BillingProfile;
import org.custody.billing.testing.InMemoryBilling;
import org.custody.platform.api.AccountName;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class KeyVersionsTest {
  private static final AccountName ACCOUNT = new AccountName("acme", "a1");
  private final MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
  private final InMemoryBilling billing = new InMemoryBilling(clock);

  private static void refused(Runnable call, String reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
      assertThat(e.reason()).isEqualTo(reason);
    });
  }

  @Test
  void rotate_newVersionBecomesPrimaryAndWrapsNewKeys() {
    billing.profiles.create(ACCOUNT, ADA);
    KeyVersions.Status rotated = billing.keyVersions.rotate();
    assertThat(rotated.version().version()).isEqualTo(2);
    billing.profiles.create(new AccountName("acme", "a2"), ADA);
    assertThat(billing.keyVersions.list()).extracting(s -> s.version().version() + ":" + s.version().primary() + ":" + s.wrappedKeys())
        .containsExactly("1:false:1", "2:true:1");
  }

  @Test
  void disable_primary_isRefused() {
    refused(() -> billing.keyVersions.disable(1), "KEY_VERSION_IS_PRIMARY");
  }

  @Test
  void disable_versionStillWrappingKeys_isRefused() {
    billing.profiles.create(ACCOUNT, ADA);
    billing.keyVersions.rotate();
    refused(() -> billing.keyVersions.disable(1), "KEY_VERSION_IN_USE");
  }

  @Test
  void disable_afterRewrap_dataStillReadable() {
    BillingProfile profile = billing.profiles.create(ACCOUNT, ADA);
    billing.keyVersions.rotate();
    billing.rewrapper.start();
    while (billing.rewrapper.runPending(Duration.ofSeconds(5))) {
      // until done
    }
    assertThat(billing.keyVersions.disable(1).version().state()).isEqualTo(KekState.DISABLED);
    assertThat(billing.profiles.get(ACCOUNT, profile.id()).details()).isEqualTo(ADA);
    assertThat(billing.keyVersions.destroy(1).version().state()).isEqualTo(KekState.DESTROYED);
    assertThat(billing.profiles.get(ACCOUNT, profile.id()).details()).isEqualTo(ADA);
    assertThat(billing.ring.countByState()).containsEntry(KekState.ENABLED, 1L).containsEntry(KekState.DESTROYED, 1L);
  }

  @Test
  void destroy_enabledVersion_isRefused() {
    billing.keyVersions.rotate();
    refused(() -> billing.keyVersions.destroy(1), "KEY_VERSION_NOT_DISABLED");
  }

  @Test
  void disable_destroyedVersion_isRefusedAndDestroyTwiceIsANoOp() {
    billing.keyVersions.rotate();
    billing.keyVersions.disable(1);
    billing.keyVersions.destroy(1);
    refused(() -> billing.keyVersions.disable(1), "KEY_VERSION_DESTROYED");
    assertThat(billing.keyVersions.destroy(1).version().state()).isEqualTo(KekState.DESTROYED);
    assertThat(billing.kekVersions.all().get(0).sealedKeyset()).isEmpty();
  }

  @Test
  void rotate_whileARewrapRuns_isRefused() {
    billing.profiles.create(ACCOUNT, ADA);
    billing.keyVersions.rotate();
    billing.rewrapper.start();
    refused(billing.keyVersions::rotate, "REWRAP_IN_PROGRESS");
  }

  @Test
  void disable_unknownVersion_isNotFound() {
    assertThatThrownBy(() -> billing.keyVersions.disable(9))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("KEY_VERSION_NOT_FOUND"));
  }
}
