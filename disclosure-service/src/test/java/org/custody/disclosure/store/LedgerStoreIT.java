package org.custody.disclosure.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.custody.disclosure.ledger.InclusionProof;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.SignedTreeHead;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.disclosure.ledger.Verification;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.TestDatabases;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger on MariaDB: concurrent appends from two processes, proofs, and tampering with rows detected. */
class LedgerStoreIT {
  private static final TreeHeadSigner SIGNER = TreeHeadSigner.fromSeed(new byte[32]);
  private DatabaseSettings settings;
  private Database database;
  private DisclosureStores stores;
  private Ledger ledger;
  private DSLContext sql;

  @BeforeEach
  void open() {
    settings = TestDatabases.fresh("ledgerstore");
    database = Database.open(settings, "disclosure", null);
    stores = new DisclosureStores(database.dsl());
    ledger = new Ledger(stores.ledgerWriterTransactions(), stores.ledger(), SIGNER, ServiceRuntime.systemClock(), 64);
    sql = database.dsl();
  }

  @AfterEach
  void close() {
    ledger.close();
    database.close();
    TestDatabases.drop(settings);
  }

  private long append(Ledger into, String id) {
    return into.write(batch -> batch.append("test.appended", Map.of("id", id)));
  }

  @Test
  void concurrentAppendsFromTwoProcesses_leaveNoGapsOrDuplicates() throws Exception {
    // The second "process" writes through a dedicated connection, as the service does.
    var dedicated = stores.ledgerWriterTransactions(settings, database.dialect());
    Ledger second = new Ledger(dedicated, stores.ledger(), SIGNER, ServiceRuntime.systemClock(), 64);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Long>> futures = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      Ledger target = i % 2 == 0 ? ledger : second;
      String id = "e" + i;
      futures.add(pool.submit(() -> append(target, id)));
    }
    List<Long> indexes = new ArrayList<>();
    for (Future<Long> f : futures) {
      indexes.add(f.get());
    }
    pool.shutdown();
    second.close();
    dedicated.close();
    assertThat(indexes).doesNotHaveDuplicates();
    assertThat(sql.fetch("SELECT entry_index FROM ledger_entries ORDER BY entry_index").getValues(0, Long.class))
        .containsExactlyElementsOf(LongStream.range(0, 600).boxed().toList());
    assertThat(sql.fetchValue("SELECT COUNT(*) FROM ledger_nodes", Long.class)).isEqualTo(2L * 600 - Long.bitCount(600));
    assertThat(ledger.headCovering(599).treeSize()).isEqualTo(600);
    assertThat(ledger.verify().valid()).isTrue();
  }

  @Test
  void verify_whileAppendsGoOn_staysValid() throws Exception {
    appendSome(50);
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Thread appender = new Thread(() -> {
      int i = 0;
      while (!stop.get()) {
        append(ledger, "live" + i++);
      }
    });
    appender.start();
    try {
      for (int round = 0; round < 5; round++) {
        Verification result = ledger.verify();
        assertThat(result.failure()).isEmpty();
        assertThat(result.valid()).isTrue();
      }
    } finally {
      stop.set(true);
      appender.join();
    }
    assertThat(ledger.size()).isGreaterThan(50);
  }

  @Test
  void signedHead_roundTripsWithMicroseconds_andProofsVerify() {
    for (int i = 0; i < 25; i++) {
      append(ledger, "e" + i);
    }
    SignedTreeHead head = ledger.headCovering(24);
    assertThat(head.timestamp().getNano() % 1000).isZero();
    assertThat(TreeHeadSigner.verify(head, SIGNER.publicKey())).isTrue();
    List<InclusionProof> proofs = ledger.inclusionProofs(LongStream.range(0, 25).boxed().toList(), 0);
    assertThat(proofs).allSatisfy(p -> assertThat(p.verify(head.rootHash())).isTrue());
    assertThat(ledger.consistencyProof(7, 25).verify(ledger.rootAt(7), head.rootHash())).isTrue();
    Instant appended = ledger.entries(3, 1).get(0).appendTime();
    assertThat(ledger.entries(3, 1).get(0).appendTime()).isEqualTo(appended);
  }

  @Test
  void verify_detectsAFlippedByteInAPayload() {
    appendSome(20);
    sql.execute("UPDATE ledger_entries SET payload = CONCAT(SUBSTRING(payload, 1, 5), CHAR(ASCII(SUBSTRING(payload, 6, 1)) ^ 1), "
        + "SUBSTRING(payload, 7)) WHERE entry_index = 11");
    assertThat(ledger.verify().valid()).isFalse();
  }

  @Test
  void verify_detectsADeletedRow() {
    appendSome(20);
    sql.execute("DELETE FROM ledger_entries WHERE entry_index = 7");
    Verification result = ledger.verify();
    assertThat(result.valid()).isFalse();
    assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).contains("entry 8 found where entry 7 belongs"));
  }

  @Test
  void verify_detectsReorderedRows() {
    appendSome(20);
    sql.execute("UPDATE ledger_entries SET entry_index = -1 WHERE entry_index = 4");
    sql.execute("UPDATE ledger_entries SET entry_index = 4 WHERE entry_index = 5");
    sql.execute("UPDATE ledger_entries SET entry_index = 5 WHERE entry_index = -1");
    assertThat(ledger.verify().valid()).isFalse();
  }

  @Test
  void verify_detectsAnInsertedRow() {
    appendSome(20);
    sql.execute("UPDATE ledger_entries SET entry_index = entry_index + 1 WHERE entry_index >= 10 ORDER BY entry_index DESC");
    sql.execute("INSERT INTO ledger_entries (entry_index, entry_type, payload, append_time) "
        + "SELECT 10, entry_type, payload, append_time FROM ledger_entries WHERE entry_index = 9");
    assertThat(ledger.verify().valid()).isFalse();
  }

  @Test
  void verify_detectsAFlippedByteInAStoredNode() {
    appendSome(20);
    sql.execute("UPDATE ledger_nodes SET node_hash = CONCAT(CHAR(ASCII(SUBSTRING(node_hash, 1, 1)) ^ 1), SUBSTRING(node_hash, 2)) "
        + "WHERE last_leaf = 15 AND node_level = 3");
    assertThat(ledger.verify().failure()).hasValueSatisfying(f -> assertThat(f).contains("level=3 index=1"));
  }

  @Test
  void verify_detectsAForgedTip() {
    appendSome(20);
    sql.execute("UPDATE ledger_tip SET tree_size = 19");
    assertThat(ledger.verify().valid()).isFalse();
  }

  private void appendSome(int count) {
    for (int i = 0; i < count; i++) {
      append(ledger, "e" + i);
    }
    assertThat(ledger.verify().valid()).isTrue();
  }
}
