package org.custody.billing.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.custody.billing.testing.InMemoryKekVersionStore;
import org.custody.platform.db.Transactions;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private final MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
  private final RootKey root = RootKey.fromJson(RootKey.generateJson());
  private final InMemoryKekVersionStore versions = new InMemoryKekVersionStore();
  private final KeyRing ring = new KeyRing(root, versions, Transactions.none(), clock).open();
  private final Envelope envelope = new Envelope(ring);

  @Test
  void newDataKey_sealsWhatItsStoredFormOpens() {
    Envelope.NewKey key = envelope.newDataKey("k1");
    byte[] sealed = key.cipher().seal("Ada".getBytes(StandardCharsets.UTF_8), "t/1/c");
    assertThat(new String(envelope.open(key.ref()).open(sealed, "t/1/c"), StandardCharsets.UTF_8)).isEqualTo("Ada");
    assertThat(key.ref().kekVersion()).isEqualTo(1);
  }

  @Test
  void open_ciphertextMovedToAnotherRowOrKey_doesNotOpen() {
    Envelope.NewKey key = envelope.newDataKey("k1");
    Envelope.NewKey other = envelope.newDataKey("k2");
    byte[] sealed = key.cipher().seal("Ada".getBytes(StandardCharsets.UTF_8), "billing_profiles/p1/details");
    assertThatThrownBy(() -> key.cipher().open(sealed, "billing_profiles/p2/details")).isInstanceOf(SealedDataUnreadableException.class);
    assertThatThrownBy(() -> other.cipher().open(sealed, "billing_profiles/p1/details")).isInstanceOf(SealedDataUnreadableException.class);
  }

  @Test
  void open_wrappedKeyCopiedToAnotherId_doesNotUnwrap() {
    Envelope.NewKey key = envelope.newDataKey("k1");
    DataKeyRef moved = new DataKeyRef("k2", key.ref().kekVersion(), key.ref().wrappedKey());
    assertThatThrownBy(() -> envelope.open(moved)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rewrap_changesTheWrappingNotTheKey() {
    Envelope.NewKey key = envelope.newDataKey("k1");
    byte[] sealed = key.cipher().seal("Ada".getBytes(StandardCharsets.UTF_8), "c");
    versions.insert(new KekVersion(2, KekState.ENABLED, false, clock.instant(), clock.instant()), ring.newSealedVersion(2));
    ring.refresh();
    DataKeyRef rewrapped = envelope.rewrap(key.ref(), 2);
    assertThat(rewrapped.kekVersion()).isEqualTo(2);
    assertThat(rewrapped.wrappedKey()).isNotEqualTo(key.ref().wrappedKey());
    assertThat(envelope.open(rewrapped).open(sealed, "c")).isEqualTo("Ada".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void open_underAnotherRootKeyset_failsFastWithoutQuotingIt() {
    String otherRoot = RootKey.generateJson();
    KeyRing wrongRing = new KeyRing(RootKey.fromJson(otherRoot), versions, Transactions.none(), clock);
    assertThatThrownBy(wrongRing::open)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not open key-encryption-key version 1")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(otherRoot.substring(40, 80)));
  }

  @Test
  void rootKey_notAKeyset_isRefusedWithoutEchoingTheInput() {
    assertThatThrownBy(() -> RootKey.fromJson("{\"secret\": \"hunter2\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    assertThat(root.toString()).isEqualTo("RootKey[redacted]");
  }
}
