package org.custody.disclosure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.disclosure.store.generated.Tables.LEDGER_TEXTS;
import static org.custody.disclosure.store.generated.Tables.STAFF_ACCESSES;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.custody.disclosure.ledger.LedgerText;
import org.custody.disclosure.staffaccess.RecordedAccess;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.testkit.ServiceDatabase;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rows the ledger writer's group commit sends as multi-row INSERTs, rendered inline by jOOQ,
 * come back exactly as written: text with quotes, backslashes, NUL, JDBC escape syntax,
 * placeholders and characters outside the BMP; binary keys holding quote and backslash bytes;
 * instants to the microsecond. On the writer's own multi-statement connection (one string per
 * flush) and on the pool's connections (one statement at a time).
 */
class GroupCommitRowsIT {
  @RegisterExtension static final ServiceDatabase<DisclosureStores> db = ServiceDatabase.of("disclosure", DisclosureStores::new);
  private static final String HOSTILE = "it's \\' a \\\\ back\\slash \u0000 {fn now()} ? ${x} \" ` -- ; \uD83D\uDE00 \u00e9";
  private static final Instant ACCESSED = Instant.parse("2026-12-08T10:15:30.123456Z");

  private static byte[] key() {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 37 + 39);
    }
    key[0] = '\'';
    key[1] = '\\';
    key[2] = 0;
    return key;
  }

  @ParameterizedTest(name = "own multi-statement connection: {0}")
  @ValueSource(booleans = {true, false})
  void hostileValues_roundTripThroughTheGroupCommitsInserts(boolean ownConnection) {
    long entry = ownConnection ? 1_000 : 2_000;
    try (LedgerWriterTransactions writer = ownConnection
        ? db.stores().ledgerWriterTransactions(db.settings(), SQLDialect.MARIADB) : db.stores().ledgerWriterTransactions()) {
      writer.inTransaction(() -> {
        db.stores().ledger().deferTexts(List.of(
            new LedgerText.Row(entry, "evidence.caseReference", "subject-'1\\", HOSTILE, key()),
            new LedgerText.Row(entry, "requestedBy", "", "", key())));
        db.stores().staffAccesses().insert(new RecordedAccess(entry, "subject-'1\\", "helpdesk", "custody.billing.v1.Billing/Get'\\",
            Purpose.SUBJECT_REQUEST, Set.of(DataCategory.USER_NAME), ACCESSED));
        return null;
      });
    }

    List<Record2<String, byte[]>> texts = db.dsl().select(LEDGER_TEXTS.TEXT_VALUE, LEDGER_TEXTS.HMAC_KEY).from(LEDGER_TEXTS)
        .where(LEDGER_TEXTS.ENTRY_INDEX.eq(entry)).orderBy(LEDGER_TEXTS.FIELD_PATH).fetch();
    assertThat(texts).hasSize(2);
    assertThat(texts.get(0).value1()).isEqualTo(HOSTILE);
    assertThat(texts.get(0).value2()).isEqualTo(key());
    assertThat(texts.get(1).value1()).isEmpty();
    var access = db.dsl().selectFrom(STAFF_ACCESSES).where(STAFF_ACCESSES.LEDGER_INDEX.eq(entry)).fetchSingle();
    assertThat(access.getSubjectId()).isEqualTo("subject-'1\\");
    assertThat(access.getMethod()).isEqualTo("custody.billing.v1.Billing/Get'\\");
    assertThat(access.getAccessTime()).isEqualTo(ACCESSED);
  }
}
