package org.custody.billing.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.platform.api.AccountName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DataKeyStore} must do; run against the in-memory fake and the jOOQ store, so
 * the unit tests' fake cannot drift from the real thing. Implementations provide a store whose
 * KEK versions 1 and 2 exist.
 */
public abstract class DataKeyStoreContract {
  private static final Instant NOW = Instant.parse("2026-03-15T10:00:00Z");

  protected abstract DataKeyStore store();

  private static DataKeyRow key(String id, String account, KeyPurpose purpose, int version) {
    return new DataKeyRow(new DataKeyRef(id, version, ("wrapped-" + id).getBytes()), new AccountName("acme", account), purpose,
        purpose == KeyPurpose.RETENTION ? Optional.of(NOW) : Optional.empty(), NOW);
  }

  @Test
  void insert_oneKeyPerSubjectAndPurpose() {
    assertThat(store().insert(key("k1", "a1", KeyPurpose.SUBJECT, 1))).isTrue();
    assertThat(store().insert(key("k2", "a1", KeyPurpose.SUBJECT, 1))).isFalse();
    assertThat(store().insert(key("k3", "a1", KeyPurpose.RETENTION, 1))).isTrue();
    assertThat(store().findForShare(new AccountName("acme", "a1"), KeyPurpose.SUBJECT)).hasValueSatisfying(r -> {
      assertThat(r.ref().id()).isEqualTo("k1");
      assertThat(r.ref().wrappedKey()).isEqualTo("wrapped-k1".getBytes());
    });
    assertThat(store().findForUpdate(new AccountName("acme", "a2"), KeyPurpose.SUBJECT)).isEmpty();
  }

  @Test
  void counts_byVersion() {
    store().insert(key("k1", "a1", KeyPurpose.SUBJECT, 1));
    store().insert(key("k2", "a2", KeyPurpose.SUBJECT, 1));
    store().insert(key("k3", "a3", KeyPurpose.SUBJECT, 2));
    assertThat(store().countByKekVersion()).containsEntry(1, 2L).containsEntry(2, 1L);
    assertThat(store().countUnder(1)).isEqualTo(2);
    assertThat(store().countNotUnder(2)).isEqualTo(2);
  }

  @Test
  void nextNotUnder_pagesInIdOrderAfterTheCursor() {
    for (String id : List.of("k5", "k1", "k3", "k2", "k4")) {
      store().insert(key(id, "a" + id, KeyPurpose.SUBJECT, id.equals("k3") ? 2 : 1));
    }
    assertThat(store().nextNotUnder(2, "", 2)).extracting(DataKeyRef::id).containsExactly("k1", "k2");
    assertThat(store().nextNotUnder(2, "k2", 10)).extracting(DataKeyRef::id).containsExactly("k4", "k5");
  }

  @Test
  void replaceWrapped_movesExistingKeysOnly() {
    store().insert(key("k1", "a1", KeyPurpose.SUBJECT, 1));
    store().insert(key("k2", "a2", KeyPurpose.SUBJECT, 1));
    store().delete("k2");
    int replaced = store().replaceWrapped(List.of(new DataKeyRef("k1", 2, "new-1".getBytes()), new DataKeyRef("k2", 2, "new-2".getBytes())), 2);
    assertThat(replaced).isEqualTo(1);
    assertThat(store().findForShare(new AccountName("acme", "a1"), KeyPurpose.SUBJECT)).hasValueSatisfying(r -> {
      assertThat(r.ref().kekVersion()).isEqualTo(2);
      assertThat(r.ref().wrappedKey()).isEqualTo("new-1".getBytes());
    });
    assertThat(store().findForShare(new AccountName("acme", "a2"), KeyPurpose.SUBJECT)).isEmpty();
  }

  @Test
  void retentionEndedBy_findsRetentionKeysPastTheirDate() {
    store().insert(key("k1", "a1", KeyPurpose.RETENTION, 1));
    store().insert(key("k2", "a2", KeyPurpose.RETENTION, 1));
    store().insert(key("k3", "a3", KeyPurpose.SUBJECT, 1));
    store().setRetainUntil("k2", NOW.plusSeconds(60));
    assertThat(store().retentionEndedBy(NOW, 10)).extracting(r -> r.ref().id()).containsExactly("k1");
    assertThat(store().retentionEndedBy(NOW.plusSeconds(60), 10)).extracting(r -> r.ref().id()).containsExactlyInAnyOrder("k1", "k2");
  }
}
