package org.custody.billing.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.custody.billing.testing.InMemoryDataKeyStore;
import org.custody.billing.testing.InMemoryKekVersionStore;
import org.custody.platform.api.AccountName;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class OpenedKeyCacheTest {
  private final MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
  private final InMemoryKekVersionStore versions = new InMemoryKekVersionStore();
  private final KeyRing ring = new KeyRing(RootKey.fromJson(RootKey.generateJson()), versions, Transactions.none(), clock).open();
  private final Envelope envelope = new Envelope(ring);
  private final AtomicLong generation = new AtomicLong();
  private final OpenedKeyCache cache = new OpenedKeyCache(generation::get, clock, 3, new SimpleMeterRegistry());

  @Test
  void get_servesOnlyTheExactStoredKeyItWasOpenedFrom() {
    Envelope.NewKey key = envelope.newDataKey("k1");
    cache.put(key.ref(), key.cipher(), cache.generation());

    assertThat(cache.get(key.ref())).isSameAs(key.cipher());
    assertThat(cache.get(new DataKeyRef("k1", key.ref().kekVersion(), key.ref().wrappedKey().clone()))).isSameAs(key.cipher());
    byte[] otherBytes = key.ref().wrappedKey().clone();
    otherBytes[otherBytes.length - 1] ^= 1;
    assertThat(cache.get(new DataKeyRef("k1", key.ref().kekVersion(), otherBytes))).isNull();
    assertThat(cache.get(new DataKeyRef("k2", key.ref().kekVersion(), key.ref().wrappedKey()))).isNull();
  }

  @Test
  void get_rewrappedKey_misses() {
    Envelope.NewKey key = envelope.newDataKey("k1");
    cache.put(key.ref(), key.cipher(), cache.generation());
    versions.insert(new KekVersion(2, KekState.ENABLED, false, clock.instant(), clock.instant()), ring.newSealedVersion(2));
    ring.refresh();

    assertThat(cache.get(envelope.rewrap(key.ref(), 2))).isNull();
  }

  @Test
  void get_afterTheKekVersionsChanged_misses() {
    Envelope.NewKey key = envelope.newDataKey("k1");
    long before = cache.generation();
    generation.incrementAndGet(); // a rotation while the key was being opened
    cache.put(key.ref(), key.cipher(), before);
    assertThat(cache.get(key.ref())).isNull();

    cache.put(key.ref(), key.cipher(), cache.generation());
    generation.incrementAndGet();
    assertThat(cache.get(key.ref())).isNull();
  }

  @Test
  void get_afterTimeToLive_misses() {
    Envelope.NewKey key = envelope.newDataKey("k1");
    cache.put(key.ref(), key.cipher(), cache.generation());
    clock.advance(OpenedKeyCache.TIME_TO_LIVE.minusSeconds(1));
    assertThat(cache.get(key.ref())).isSameAs(key.cipher());
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get(key.ref())).isNull();
    assertThat(cache.size()).isZero();
  }

  @Test
  void evict_forgetsTheKey() {
    Envelope.NewKey key = envelope.newDataKey("k1");
    cache.put(key.ref(), key.cipher(), cache.generation());
    cache.evict("k1");
    assertThat(cache.get(key.ref())).isNull();
    assertThat(cache.size()).isZero();
  }

  @Test
  void put_neverHoldsMoreThanItsBound() {
    for (int i = 0; i < 20; i++) {
      Envelope.NewKey key = envelope.newDataKey("k" + i);
      cache.put(key.ref(), key.cipher(), cache.generation());
      assertThat(cache.size()).isBetween(1, 3);
    }
  }

  @Test
  void ringGeneration_changesWhenVersionsChangeOnly() {
    long start = ring.generation();
    ring.refresh();
    assertThat(ring.generation()).isEqualTo(start);
    versions.insert(new KekVersion(2, KekState.ENABLED, false, clock.instant(), clock.instant()), ring.newSealedVersion(2));
    ring.refresh();
    assertThat(ring.generation()).isNotEqualTo(start);
  }

  @Test
  void subjectKeys_destroy_forgetsTheOpenedKeyAtOnce() {
    SubjectKeys keys = new SubjectKeys(new InMemoryDataKeyStore(), envelope, new RandomIds(new java.security.SecureRandom()), clock, new SimpleMeterRegistry());
    AccountName subject = new AccountName("p", "a");
    keys.forWriting(subject);
    DataKeyRef stored = keys.lockSubjectKey(subject).orElseThrow().ref();
    keys.open(stored);
    assertThat(keys.openedKeyCount()).isEqualTo(1);

    keys.destroy(stored.id());

    assertThat(keys.openedKeyCount()).isZero();
    assertThat(keys.lockSubjectKey(subject)).isEmpty();
  }

  @Test
  void subjectKeys_disabledKekVersion_refusesAKeyOpenedBefore() {
    SubjectKeys keys = new SubjectKeys(new InMemoryDataKeyStore(), envelope, new RandomIds(new java.security.SecureRandom()), clock, new SimpleMeterRegistry());
    AccountName subject = new AccountName("p", "a");
    SubjectKeys.Keyed written = keys.forWriting(subject);
    byte[] sealed = written.cipher().seal("Ada".getBytes(StandardCharsets.UTF_8), "c");
    DataKeyRef stored = keys.lockSubjectKey(subject).orElseThrow().ref();
    assertThat(keys.open(stored).open(sealed, "c")).isEqualTo("Ada".getBytes(StandardCharsets.UTF_8));

    versions.insert(new KekVersion(2, KekState.ENABLED, false, clock.instant(), clock.instant()), ring.newSealedVersion(2));
    versions.makePrimary(2);
    versions.changeState(1, KekState.DISABLED, clock.instant());
    ring.refresh();

    assertThatThrownBy(() -> keys.open(stored)).isInstanceOf(IllegalStateException.class);
  }
}
