package org.custody.disclosure.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private final MutableClock clock = MutableClock.at("2026-11-27T10:00:00.123456Z");
  private final InMemoryLedgerStore store = new InMemoryLedgerStore();
  private final TreeHeadSigner signer = TreeHeadSigner.fromSeed(new byte[32]);
  private Ledger ledger;

  @BeforeEach
  void open() {
    ledger = new Ledger(new InMemoryTransactions(), store, signer, clock, 64);
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private long append(String id) {
    return ledger.write(batch -> batch.append("test.appended", Map.of("id", id)));
  }

  @Test
  void append_assignsConsecutiveIndexes_andSignsTheHead() {
    assertThat(append("a")).isZero();
    assertThat(append("b")).isEqualTo(1);
    SignedTreeHead head = ledger.headCovering(1);
    assertThat(head.treeSize()).isEqualTo(2);
    assertThat(TreeHeadSigner.verify(head, signer.publicKey())).isTrue();
    assertThat(head.timestamp()).isEqualTo(clock.instant());
    assertThat(new String(store.entries.get(1L).payload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"b\",\"index\":1,\"time\":\"2026-11-27T10:00:00.123456Z\",\"type\":\"test.appended\"}");
  }

  @Test
  void tailAfterTheSignedHead_isCheckedAgainstTheTipRoot_andSignedOnDemand() {
    appendSome(10);
    // The writer signs a quiet log's unsigned tail on its own; let it do so first, or it could
    // overwrite the older head set below at any moment on a slow machine.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> store.tip().signed().map(SignedTreeHead::treeSize).orElse(0L) == 10L);
    SignedTreeHead older = signer.sign(7, ledger.rootAt(7), clock.instant());
    LedgerStore.Tip tip = store.tip();
    store.setTip(new LedgerStore.Tip(10, tip.root(), Optional.of(older)));
    assertThat(ledger.verify().valid()).isTrue();
    assertThat(ledger.latestHead().treeSize()).isEqualTo(7);

    SignedTreeHead covering = ledger.headCovering(8);
    assertThat(covering.treeSize()).isEqualTo(10);
    assertThat(TreeHeadSigner.verify(covering, signer.publicKey())).isTrue();
    assertThat(ledger.inclusionProof(8, covering.treeSize()).verify(covering.rootHash())).isTrue();
    assertThat(ledger.latestHead()).isEqualTo(covering);

    store.setTip(new LedgerStore.Tip(10, ledger.rootAt(7), Optional.of(older)));
    assertThat(ledger.verify().failure()).hasValueSatisfying(f -> assertThat(f).contains("after the signed head"));
  }

  @Test
  void tipLeftUnsignedByAKilledProcess_isSignedAtStart_beforeAnyWrite() {
    appendSome(10);
    // As above: the idle signer goes first, then the older head stands for a crash before signing.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> store.tip().signed().map(SignedTreeHead::treeSize).orElse(0L) == 10L);
    SignedTreeHead older = signer.sign(7, ledger.rootAt(7), clock.instant());
    LedgerStore.Tip tip = store.tip();
    store.setTip(new LedgerStore.Tip(10, tip.root(), Optional.of(older)));
    ledger.close();
    assertThat(store.tip().signed().orElseThrow().treeSize()).as("the crash left entries 7..9 unsigned").isEqualTo(7);

    long started = System.nanoTime();
    ledger = new Ledger(new InMemoryTransactions(), store, signer, clock, 64);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).pollInterval(java.time.Duration.ofMillis(5))
        .until(() -> store.tip().signed().orElseThrow().treeSize() == 10);
    // Well inside one sign interval (250 ms), with no write and no caller asking.
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofMillis(1000));
    assertThat(ledger.inclusionProof(9, 0).treeSize()).isEqualTo(10);
  }

  @Test
  void quietLog_isSignedUpToItsLastEntry_withinTheSignInterval() {
    append("a");
    append("b");
    // The clock stands still here, so only the idle rule can sign "b": no write for 100 ms.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(ledger.latestHead().treeSize()).isEqualTo(2));
  }

  @Test
  void emptyLedger_hasASignedHeadOfSizeZero_andVerifies() {
    SignedTreeHead head = ledger.latestHead();
    assertThat(head.treeSize()).isZero();
    assertThat(head.rootHash()).isEqualTo(MerkleHash.empty());
    assertThat(ledger.verify().valid()).isTrue();
  }

  @Test
  void concurrentAppends_leaveNoGapsOrDuplicates() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Long>> indexes = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      String id = "e" + i;
      indexes.add(pool.submit(() -> append(id)));
    }
    List<Long> assigned = new ArrayList<>();
    for (Future<Long> f : indexes) {
      assigned.add(f.get());
    }
    pool.shutdown();
    assertThat(assigned).doesNotHaveDuplicates().hasSize(800);
    assertThat(store.entries.keySet()).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 800).boxed().toList());
    assertThat(ledger.size()).isEqualTo(800);
    assertThat(ledger.verify().valid()).isTrue();
  }

  @Test
  void failingWrite_doesNotFailTheOthersInItsBatch() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Long>> good = new ArrayList<>();
    List<Future<Long>> bad = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String id = "e" + i;
      good.add(pool.submit(() -> append(id)));
      bad.add(pool.submit(() -> ledger.write(batch -> {
        batch.append("test.appended", Map.of("id", id + "-bad"));
        throw new IllegalStateException("refused");
      })));
    }
    for (Future<Long> f : good) {
      assertThat(f.get()).isNotNegative();
    }
    for (Future<Long> f : bad) {
      assertThatThrownBy(f::get).hasCauseInstanceOf(IllegalStateException.class);
    }
    pool.shutdown();
    assertThat(store.entries).hasSize(100);
    assertThat(ledger.verify().valid()).isTrue();
  }

  @Test
  void proofs_verifyAgainstTheLatestHead_andOlderHeads() {
    for (int i = 0; i < 37; i++) {
      append("e" + i);
    }
    SignedTreeHead head = ledger.headCovering(36);
    for (long m = 0; m < 37; m++) {
      InclusionProof proof = ledger.inclusionProof(m, 0);
      assertThat(proof.treeSize()).isEqualTo(37);
      assertThat(proof.leafHash()).isEqualTo(store.entries.get(m).leafHash());
      assertThat(proof.verify(head.rootHash())).isTrue();
      InclusionProof old = ledger.inclusionProof(m, Math.max(m + 1, 20 + m % 17));
      assertThat(old.verify(ledger.rootAt(old.treeSize()))).isTrue();
    }
    for (long first = 1; first <= 37; first++) {
      ConsistencyProof proof = ledger.consistencyProof(first, 37);
      assertThat(proof.verify(ledger.rootAt(first), head.rootHash())).isTrue();
    }
  }

  @Test
  void proofBeyondTheSignedHead_isRefused() {
    append("a");
    assertThatThrownBy(() -> ledger.inclusionProof(1, 0)).hasMessageContaining("leaf_index");
    assertThatThrownBy(() -> ledger.inclusionProof(0, 2)).hasMessageContaining("tree_size");
  }

  @Test
  void entryBody_withAnEmailAddress_isRefused() {
    assertThatThrownBy(() -> ledger.write(batch -> batch.append("test.appended", Map.of("subject", "someone@example.org"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.entries).isEmpty();
  }

  @Test
  void verify_detectsAFlippedPayloadByte() {
    appendSome(10);
    LedgerEntry e = store.entries.get(4L);
    byte[] payload = e.payload();
    payload[payload.length - 3] ^= 0x01;
    store.entries.put(4L, new LedgerEntry(4, e.type(), payload, e.appendTime()));
    assertThat(ledger.verify().valid()).isFalse();
  }

  @Test
  void verify_detectsAChangedTypeOrTimeColumn() {
    appendSome(5);
    LedgerEntry e = store.entries.get(2L);
    store.entries.put(2L, new LedgerEntry(2, "test.forged", e.payload(), e.appendTime()));
    assertThat(ledger.verify().failure()).hasValueSatisfying(f -> assertThat(f).contains("entry 2"));
    store.entries.put(2L, new LedgerEntry(2, e.type(), e.payload(), e.appendTime().plusSeconds(1)));
    assertThat(ledger.verify().valid()).isFalse();
    store.entries.put(2L, e);
    assertThat(ledger.verify().valid()).isTrue();
  }

  @Test
  void verify_detectsADeletedRow() {
    appendSome(10);
    store.entries.remove(3L);
    assertThat(ledger.verify().failure()).hasValueSatisfying(f -> assertThat(f).contains("missing"));
  }

  @Test
  void verify_detectsTheLastRowDeleted() {
    appendSome(10);
    store.entries.remove(9L);
    assertThat(ledger.verify().failure()).hasValueSatisfying(f -> assertThat(f).contains("deleted"));
  }

  @Test
  void verify_detectsReorderedRows() {
    appendSome(10);
    LedgerEntry a = store.entries.get(3L);
    LedgerEntry b = store.entries.get(4L);
    store.entries.put(3L, new LedgerEntry(3, b.type(), b.payload(), b.appendTime()));
    store.entries.put(4L, new LedgerEntry(4, a.type(), a.payload(), a.appendTime()));
    assertThat(ledger.verify().valid()).isFalse();
  }

  @Test
  void verify_detectsAnInsertedRow() {
    appendSome(10);
    byte[] forged = EntryPayload.encode(10, "test.appended", clock.instant(), Map.of("id", "forged"));
    store.entries.put(10L, new LedgerEntry(10, "test.appended", forged, clock.instant()));
    assertThat(ledger.verify().failure()).hasValueSatisfying(f -> assertThat(f).contains("inserted"));
  }

  @Test
  void verify_detectsATamperedStoredNode() {
    appendSome(12);
    NodeId node = new NodeId(2, 1);
    byte[] hash = store.nodes.get(node).clone();
    hash[0] ^= 0x01;
    store.nodes.put(node, hash);
    assertThat(ledger.verify().failure()).hasValueSatisfying(f -> assertThat(f).contains("level=2 index=1"));
  }

  @Test
  void verify_detectsAHeadSignedByAnotherKey() {
    appendSome(3);
    // The first writer must have signed its tail: otherwise the second would sign the unsigned
    // tip at start with its own key, and every head would then be that key's (the race CI met).
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> store.tip().signed().map(SignedTreeHead::treeSize).orElse(0L) == 3L);
    Ledger other = new Ledger(new InMemoryTransactions(), store, TreeHeadSigner.fromSeed(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}), clock, 8);
    try {
      assertThat(other.verify().valid()).isFalse();
    } finally {
      other.close();
    }
  }

  private void appendSome(int count) {
    for (int i = 0; i < count; i++) {
      clock.advance(java.time.Duration.ofMillis(3));
      append("e" + i);
    }
    assertThat(ledger.verify().valid()).isTrue();
  }
}
