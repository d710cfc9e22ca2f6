package org.custody.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.billing.testing.Requests.account;
import static org.custody.billing.testing.Requests.createCard;
import static org.custody.billing.testing.Requests.createInvoice;
import static org.custody.billing.testing.Requests.createProfile;

import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.custody.billing.crypto.DataCipher;
import org.custody.billing.crypto.DataKeyRef;
import org.custody.billing.crypto.Envelope;
import org.custody.billing.crypto.KeyRing;
import org.custody.billing.crypto.RootKey;
import org.custody.billing.crypto.SealedDataUnreadableException;
import org.custody.billing.store.BillingStores;
import org.custody.billing.testing.BillingTestServer;
import org.custody.billing.testing.DatabaseScan;
import org.custody.billing.testing.Requests;
import org.custody.billing.testing.TestKek;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.GetInvoiceRequest;
import org.custody.proto.billing.v1.Invoice;
import org.custody.proto.billing.v1.PurgeExpiredRetentionRequest;
import org.custody.proto.billing.v1.PurgeExpiredRetentionResponse;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.ErasedItem;
import org.custody.proto.common.v1.ErasureReceipt;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectField;
import org.custody.proto.common.v1.SubjectRecord;
import org.custody.proto.common.v1.SubjectRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class SubjectDataApiIT {
  private static final Instant NOW = Instant.parse("2026-03-15T10:00:00Z");
  private static BillingTestServer server;

  @BeforeAll
  static void start(DatabaseSettings database) {
    server = BillingTestServer.start(database, new MutableClock(NOW));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static SubjectRef subject(String accountId) {
    return SubjectRef.newBuilder().setProject("projects/acme").setAccount(account(accountId)).build();
  }

  /** A profile, a default card and an invoice. */
  private static Invoice holdEverything(String accountId) {
    String profile = server.frontend().createBillingProfile(createProfile(accountId)).getBillingProfile().getName();
    server.frontend().createPaymentMethod(createCard(accountId, "4242", 12, 2030, true));
    return server.operator().createInvoice(createInvoice(accountId, profile)).getInvoice();
  }

  private static ExportSubjectDataResponse export(String accountId, DataCategory... categories) {
    return server.disclosure(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(subject(accountId)).addAllCategories(List.of(categories)).build());
  }

  private static ErasureReceipt erase(String accountId) {
    return server.disclosure(Purpose.SUBJECT_REQUEST).eraseSubjectData(EraseSubjectDataRequest.newBuilder()
        .setSubject(subject(accountId)).setRequestId(Requests.requestId()).setErasure("erasures/e-" + accountId).build()).getReceipt();
  }

  @Test
  void P13_exportSubjectData_returnsProfilesCardsAndInvoicesLabelled() {
    holdEverything("s1");
    ExportSubjectDataResponse export = export("s1");
    assertThat(export.getService()).isEqualTo("billing");
    assertThat(export.getRecordsList()).extracting(SubjectRecord::getKind).containsExactly("billing_profile", "payment_method", "invoice");
    assertThat(export.getRecords(1).getFieldsList()).extracting(SubjectField::getName)
        .containsExactly("processor", "brand", "last4", "exp_month", "exp_year", "is_default", "create_time");
    assertThat(export.toString()).doesNotContain("secret_token");
    assertThat(export.getRecordsList()).flatExtracting(SubjectRecord::getFieldsList)
        .allSatisfy(f -> assertThat(f.getCategory()).isNotEqualTo(DataCategory.DATA_CATEGORY_UNSPECIFIED));
  }

  @Test
  void exportSubjectData_categoriesFilter_minimises() {
    holdEverything("s2");
    ExportSubjectDataResponse export = export("s2", DataCategory.DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD);
    assertThat(export.getRecordsList()).singleElement().satisfies(r -> {
      assertThat(r.getKind()).isEqualTo("payment_method");
      assertThat(r.getName()).isEmpty();
      assertThat(r.getFieldsList()).extracting(SubjectField::getCategory).containsOnly(DataCategory.DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD);
    });
  }

  @Test
  void exportSubjectData_personKnownOnlyByEmail_isEmpty() {
    ExportSubjectDataResponse export = server.disclosure(Purpose.LEGAL_COMPLIANCE).exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setEmail("someone@example.org")).build());
    assertThat(export.getService()).isEqualTo("billing");
    assertThat(export.getRecordsList()).isEmpty();
    ErasureReceipt receipt = server.disclosure(Purpose.SUBJECT_REQUEST).eraseSubjectData(EraseSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setEmail("someone@example.org"))
        .setRequestId(Requests.requestId()).build()).getReceipt();
    assertThat(receipt.getErasedList()).isEmpty();
    assertThat(receipt.getRetainedList()).isEmpty();
  }

  @Test
  void P13_eraseSubjectData_receiptNamesErasedAndRetainedWithBasisAndPurgeDate() {
    Invoice invoice = holdEverything("s3");
    ErasureReceipt receipt = erase("s3");
    assertThat(receipt.getService()).isEqualTo("billing");
    assertThat(receipt.getErasure()).isEqualTo("erasures/e-s3");
    assertThat(receipt.getErasedList()).extracting(ErasedItem::getKind, ErasedItem::getCount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("billing_profile", 1L), org.assertj.core.groups.Tuple.tuple("payment_method", 1L),
            org.assertj.core.groups.Tuple.tuple("data_key", 1L));
    assertThat(receipt.getRetainedList()).singleElement().satisfies(r -> {
      assertThat(r.getKind()).isEqualTo("invoice");
      assertThat(r.getCount()).isEqualTo(1);
      assertThat(r.getLegalBasis()).isNotBlank();
      assertThat(r.getPurgeTime()).isEqualTo(invoice.getRetainUntilTime());
      assertThat(r.getCategoriesList()).contains(DataCategory.DATA_CATEGORY_USER_NAME, DataCategory.DATA_CATEGORY_USER_CONTACT_ADDRESS);
    });
    assertThat(export("s3").getRecordsList()).extracting(SubjectRecord::getKind).containsExactly("invoice");
    assertThat(server.operator().getInvoice(GetInvoiceRequest.newBuilder().setName(invoice.getName()).build()).getInvoice().getBillTo())
        .isEqualTo(invoice.getBillTo());
  }

  @Test
  void P13_eraseSubjectData_again_returnsTheFirstReceipt() {
    holdEverything("s4");
    ErasureReceipt first = erase("s4");
    ErasureReceipt second = erase("s4");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void P13_eraseSubjectData_backupCopiesCanNoLongerBeDecrypted() throws Exception {
    holdEverything("s5");
    holdEverything("s5-neighbour");
    List<Sealed> backup = copyRows("s5");
    assertThat(backup).extracting(Sealed::table).contains("billing_profiles", "payment_methods", "invoices");

    erase("s5");

    try (Database db = Database.open(server.database, "billing", null)) {
      BillingStores stores = new BillingStores(db.dsl());
      KeyRing ring = new KeyRing(RootKey.fromJson(TestKek.JSON), stores.kekVersions(), stores.transactions(), server.clock).open();
      Envelope envelope = new Envelope(ring);
      List<DataCipher> everyKeyLeft = new ArrayList<>();
      try (Connection c = server.jdbc(); ResultSet keys = c.createStatement().executeQuery("SELECT id, kek_version, wrapped_key FROM data_keys")) {
        while (keys.next()) {
          everyKeyLeft.add(envelope.open(new DataKeyRef(keys.getString(1), keys.getInt(2), keys.getBytes(3))));
        }
      }
      assertThat(everyKeyLeft).hasSizeGreaterThanOrEqualTo(2); // the neighbour's key and s5's retention key
      for (Sealed copy : backup) {
        try (Connection c = server.jdbc(); PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM data_keys WHERE id = ?")) {
          q.setString(1, copy.keyId());
          ResultSet r = q.executeQuery();
          r.next();
          assertThat(r.getLong(1)).as("the key of %s is destroyed", copy.context()).isZero();
        }
        for (DataCipher cipher : everyKeyLeft) {
          assertThatThrownBy(() -> cipher.open(copy.ciphertext(), copy.context())).isInstanceOf(SealedDataUnreadableException.class);
        }
      }
    }
  }

  @Test
  void P13_eraseSubjectData_profileReadJustBefore_isNotReadableAfterEvenWithItsRowRestored() throws Exception {
    String name = server.frontend().createBillingProfile(createProfile("s8")).getBillingProfile().getName();
    GetBillingProfileRequest get = GetBillingProfileRequest.newBuilder().setName(name).build();
    // Read twice: the subject's data key is now held opened in the service's memory.
    assertThat(server.frontend().getBillingProfile(get).getBillingProfile().getBillingName()).isNotEmpty();
    assertThat(server.frontend().getBillingProfile(get).getBillingProfile().getBillingName()).isNotEmpty();
    String profileId = name.substring(name.lastIndexOf('/') + 1);
    List<Object> row = new ArrayList<>();
    try (Connection c = server.jdbc(); PreparedStatement q = c.prepareStatement("SELECT * FROM billing_profiles WHERE id = ?")) {
      q.setString(1, profileId);
      ResultSet r = q.executeQuery();
      assertThat(r.next()).isTrue();
      for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
        row.add(r.getObject(i));
      }
    }

    erase("s8");
    // The profile row comes back from a backup; its data key does not.
    try (Connection c = server.jdbc()) {
      c.createStatement().execute("SET foreign_key_checks = 0");
      try (PreparedStatement restore = c.prepareStatement("INSERT INTO billing_profiles VALUES (" + "?, ".repeat(row.size() - 1) + "?)")) {
        for (int i = 0; i < row.size(); i++) {
          restore.setObject(i + 1, row.get(i));
        }
        restore.executeUpdate();
      } finally {
        c.createStatement().execute("SET foreign_key_checks = 1");
      }
    }

    assertThatThrownBy(() -> server.frontend().getBillingProfile(get))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("BILLING_PROFILE_NOT_FOUND"));
  }

  @Test
  void purgeExpiredRetention_whenRetentionEnds_shredsTheRetainedInvoices() throws Exception {
    Invoice invoice = holdEverything("s6");
    erase("s6");
    server.clock.set(Instant.parse("2037-01-01T00:00:00Z"));
    try {
      PurgeExpiredRetentionResponse purged = server.keys().purgeExpiredRetention(PurgeExpiredRetentionRequest.getDefaultInstance());
      assertThat(purged.getPurgedSubjectCount()).isGreaterThanOrEqualTo(1);
      assertThat(purged.getPurgedInvoiceCount()).isGreaterThanOrEqualTo(1);
      assertThat(export("s6").getRecordsList()).isEmpty();
      try (Connection c = server.jdbc(); PreparedStatement q = c.prepareStatement(
          "SELECT COUNT(*) FROM data_keys WHERE account_id = 's6'")) {
        ResultSet r = q.executeQuery();
        r.next();
        assertThat(r.getLong(1)).isZero();
      }
      assertThatThrownBy(() -> server.operator().getInvoice(GetInvoiceRequest.newBuilder().setName(invoice.getName()).build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("INVOICE_NOT_FOUND"));
    } finally {
      server.clock.set(NOW);
    }
  }

  @Test
  void P6_subjectData_onlyForTheDisclosureServiceAndItsPurposes() {
    var frontend = server.stub(SubjectDataServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SUBJECT_REQUEST);
    assertThatThrownBy(() -> frontend.exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(subject("s7")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("CALLER_NOT_ALLOWED"));
    var research = server.disclosure(Purpose.RESEARCH);
    assertThatThrownBy(() -> research.exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(subject("s7")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("PURPOSE_NOT_ALLOWED"));
    var billing = server.disclosure(Purpose.BILLING);
    assertThat(billing.exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(subject("s7")).build()).getService())
        .isEqualTo("billing");
    assertThatThrownBy(() -> billing.eraseSubjectData(EraseSubjectDataRequest.newBuilder().setSubject(subject("s7"))
        .setRequestId(Requests.requestId()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("PURPOSE_NOT_ALLOWED"));
  }

  /** One sealed cell as a backup holds it, with the context it was sealed for. */
  private record Sealed(String table, String context, String keyId, byte[] ciphertext) {}

  private static List<Sealed> copyRows(String accountId) throws Exception {
    List<Sealed> copies = new ArrayList<>();
    try (Connection c = server.jdbc()) {
      // The associated data is part of the at-rest format: <table>/<row id>/<column>.
      copy(c, accountId, "billing_profiles", "sealed_details", "details", copies);
      copy(c, accountId, "payment_methods", "sealed_token", "token", copies);
      copy(c, accountId, "payment_methods", "sealed_last4", "last4", copies);
      copy(c, accountId, "invoices", "sealed_contents", "contents", copies);
      assertThat(DatabaseScan.count(c, "data_keys")).isPositive();
    }
    return copies;
  }

  private static void copy(Connection c, String accountId, String table, String column, String context, List<Sealed> copies) throws Exception {
    try (PreparedStatement q = c.prepareStatement("SELECT id, data_key_id, " + column + " FROM " + table + " WHERE account_id = ?")) {
      q.setString(1, accountId);
      ResultSet r = q.executeQuery();
      while (r.next()) {
        copies.add(new Sealed(table, table + "/" + r.getString(1) + "/" + context, r.getString(2), r.getBytes(3)));
      }
    }
  }
}
