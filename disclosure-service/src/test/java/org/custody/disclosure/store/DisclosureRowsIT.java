package org.custody.disclosure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custody.disclosure.decision.Decision;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.DisclosureBasis;
import org.custody.disclosure.decision.DisclosureRequest;
import org.custody.disclosure.decision.DisclosureStore;
import org.custody.disclosure.decision.Evidence;
import org.custody.disclosure.decision.Outcome;
import org.custody.disclosure.decision.RecipientUse;
import org.custody.disclosure.decision.Scope;
import org.custody.disclosure.decision.SubjectDecision;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.disclosure.ledger.LedgerTransactions;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.WriteConflict;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.subject.Subject;
import org.custody.platform.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decision rows and their ledger rows are written as hand-made literals (not through jOOQ's
 * renderer), several decisions of a group commit in one INSERT per table: text that would need
 * escaping reads back unchanged, and a request id used twice fails the whole commit, on the
 * service's dedicated multi-statement connection and on pooled connections alike.
 */
class DisclosureRowsIT {
  private static final TreeHeadSigner SIGNER = TreeHeadSigner.fromSeed(new byte[32]);
  private static final String AWKWARD = "it's \\ \"quoted\" ?; -- {fn now()} /* x */ \u00e9\u4e2d\ud83d\ude00 \n\t";

  private DatabaseSettings settings;
  private Database database;
  private DisclosureStores stores;
  private LedgerTransactions dedicated;

  @BeforeEach
  void open() {
    settings = TestDatabases.fresh("disclosurerows");
    database = Database.open(settings, "disclosure", null);
    stores = new DisclosureStores(database.dsl());
    dedicated = DisclosureStores.dedicatedTransactions(settings, database.dialect());
  }

  @AfterEach
  void close() throws Exception {
    ((AutoCloseable) dedicated).close();
    database.close();
    TestDatabases.drop(settings);
  }

  private LedgerTransactions transactions(boolean dedicatedConnection) {
    return dedicatedConnection ? dedicated : stores.transactions();
  }

  private static Disclosure disclosure(String id, String requestId, String text, Instant time) {
    DisclosureRequest request = new DisclosureRequest("mailer", Scope.subjects(List.of(Subject.account("projects/acme/accounts/a-" + id),
        Subject.account("projects/acme/accounts/b-" + id))), Set.of(DataCategory.USER_NAME, DataCategory.USER_CONTACT_EMAIL),
        Purpose.CONTACT, DisclosureBasis.REQUIRED_BY_LAW, RecipientUse.SERVICE_DELIVERY,
        new Evidence(Optional.of(text), Optional.of("Court " + text), Optional.empty()), "operator " + text, "operator", requestId,
        new byte[] {0, 39, 92, 34, -1, 10, 13, 26, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23});
    Decision decision = new Decision(Outcome.ALLOWED, Set.of(DataCategory.USER_NAME), "P9_" + id.toUpperCase(), "reason " + text,
        request.scope().subjects().stream().map(s -> new SubjectDecision(s, Outcome.ALLOWED, "subject " + text)).toList());
    return new Disclosure(id, request, 3, decision, time, Optional.of(time.plusSeconds(3600)), Optional.empty(), 7, Optional.empty());
  }

  @ParameterizedTest(name = "dedicated connection: {0}")
  @ValueSource(booleans = {true, false})
  void decisionsOfOneCommit_readBackExactly(boolean dedicatedConnection) {
    DisclosureStore store = stores.disclosures();
    Instant time = Instant.parse("2026-11-27T10:15:30.123456Z");
    List<Disclosure> written = List.of(disclosure("d1", "00000000-0000-0000-0000-000000000001", AWKWARD, time),
        disclosure("d2", "00000000-0000-0000-0000-000000000002", "", time.plusNanos(1000)),
        disclosure("d3", "00000000-0000-0000-0000-000000000003", "plain", time.plusNanos(2000)));
    try (Ledger ledger = new Ledger(transactions(dedicatedConnection), stores.ledger(), SIGNER, ServiceRuntime.systemClock(), 64)) {
      ledger.write(batch -> {
        for (Disclosure d : written) {
          batch.append("test.decided", Map.of("disclosure", d.name(), "note", AWKWARD));
          store.insert(batch.tx(), d);
        }
        return null;
      });
      assertThat(ledger.verify().valid()).isTrue();
      assertThat(new String(ledger.entries(0, 1).get(0).payload(), java.nio.charset.StandardCharsets.UTF_8)).contains("\u4e2d\ud83d\ude00");
    }
    for (Disclosure d : written) {
      Disclosure read = store.find(d.id()).orElseThrow();
      assertThat(read).usingRecursiveComparison().isEqualTo(d);
      assertThat(read.request().requestHash()).isEqualTo(d.request().requestHash());
      assertThat(read.request().evidence()).isEqualTo(d.request().evidence());
      assertThat(read.request().requestedBy()).isEqualTo(d.request().requestedBy());
      assertThat(read.decision().subjects()).isEqualTo(d.decision().subjects());
    }
    assertThat(database.dsl().fetchValue("SELECT COUNT(*) FROM disclosure_subjects", Long.class)).isEqualTo(6L);
  }

  @ParameterizedTest(name = "dedicated connection: {0}")
  @ValueSource(booleans = {true, false})
  void aRequestIdUsedTwiceInOneCommit_failsTheWholeCommit(boolean dedicatedConnection) {
    DisclosureStore store = stores.disclosures();
    Instant time = Instant.parse("2026-11-27T10:15:30Z");
    try (Ledger ledger = new Ledger(transactions(dedicatedConnection), stores.ledger(), SIGNER, ServiceRuntime.systemClock(), 64)) {
      assertThatThrownBy(() -> ledger.write(batch -> {
        batch.append("test.decided", Map.of("n", 1));
        store.insert(batch.tx(), disclosure("d1", "00000000-0000-0000-0000-000000000009", "a", time));
        store.insert(batch.tx(), disclosure("d2", "00000000-0000-0000-0000-000000000009", "b", time));
        return null;
      })).isInstanceOf(WriteConflict.class);
      assertThat(ledger.size()).isZero();
    }
    assertThat(database.dsl().fetchValue("SELECT COUNT(*) FROM disclosures", Long.class)).isEqualTo(0L);
    assertThat(database.dsl().fetchValue("SELECT COUNT(*) FROM ledger_entries", Long.class)).isEqualTo(0L);
    assertThat(database.dsl().fetchValue("SELECT tree_size FROM ledger_tip", Long.class)).isEqualTo(0L);
  }
}
