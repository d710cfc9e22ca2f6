package org.custody.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.billing.testing.Requests.account;
import static org.custody.billing.testing.Requests.createCard;
import static org.custody.billing.testing.Requests.createInvoice;
import static org.custody.billing.testing.Requests.createProfile;
import static org.custody.billing.testing.Requests.profile;

import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import com.google.protobuf.UnknownFieldSet;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.custody.billing.testing.BillingTestServer;
import org.custody.billing.testing.Requests;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.DatabaseCells;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.LogCapture;
import org.custody.platform.testkit.MutableClock;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.DeleteBillingProfileRequest;
import org.custody.proto.billing.v1.DeletePaymentMethodRequest;
import org.custody.proto.billing.v1.DestroyKeyVersionRequest;
import org.custody.proto.billing.v1.DisableKeyVersionRequest;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.GetInvoiceRequest;
import org.custody.proto.billing.v1.GetPaymentStandingRequest;
import org.custody.proto.billing.v1.GetRewrapJobRequest;
import org.custody.proto.billing.v1.InvoiceLineItem;
import org.custody.proto.billing.v1.ListBillingProfilesRequest;
import org.custody.proto.billing.v1.ListInvoicesRequest;
import org.custody.proto.billing.v1.ListKeyVersionsRequest;
import org.custody.proto.billing.v1.ListPaymentMethodsRequest;
import org.custody.proto.billing.v1.PurgeExpiredRetentionRequest;
import org.custody.proto.billing.v1.RotateKeyEncryptionKeyRequest;
import org.custody.proto.billing.v1.SetDefaultPaymentMethodRequest;
import org.custody.proto.billing.v1.StartRewrapRequest;
import org.custody.proto.billing.v1.UpdateBillingProfileRequest;
import org.custody.proto.billing.v1.UpdateInvoiceStatusRequest;
import org.custody.proto.billing.v1.InvoiceStatus;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.SubjectRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The canary (P3): a test card number and a CVV-like value sent through every RPC; afterwards
 * neither is in any table, any log line or any error the service returned.
 */
@ExtendWith(FreshDatabase.class)
class CardNumberCanaryIT {
  private static final String CARD = "4111 1111 1111 1111";
  private static final String CARD_DIGITS = "4111111111111111";
  private static final String CARD_DASHED = "4111-1111-1111-1111";
  /** Digits 9, 1 and 8 never occur in this service's generated ids (base32: a-z, 2-7). */
  private static final String CVV = "918";
  private static final String CVV_TEXT = "cvv " + CVV;
  private static final List<String> NEEDLES = List.of(CARD, CARD_DIGITS, CARD_DASHED, "4111 1111", CVV_TEXT);

  private static BillingTestServer server;

  @BeforeAll
  static void start(DatabaseSettings database) {
    server = BillingTestServer.start(database, MutableClock.at("2026-03-15T10:00:00Z"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static UnknownFieldSet smuggled(String text) {
    return UnknownFieldSet.newBuilder()
        .addField(99, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(text)).build()).build();
  }

  @Test
  void P3_cardNumberAndCvvThroughEveryRpc_leaveNoTrace() throws Exception {
    // Real resources, so that calls naming them reach the handlers.
    String profile = server.frontend().createBillingProfile(createProfile("c1")).getBillingProfile().getName();
    String card = server.frontend().createPaymentMethod(createCard("c1", "1111", 12, 2030, true)).getPaymentMethod().getName();
    String invoice = server.operator().createInvoice(createInvoice("c1", profile)).getInvoice().getName();
    Map<String, Supplier<Object>> calls = canaryCalls(profile, invoice);

    List<String> errorTexts = new ArrayList<>();
    int screened = 0;
    try (LogCapture logs = LogCapture.start()) {
      for (Map.Entry<String, Supplier<Object>> call : calls.entrySet()) {
        try {
          call.getValue().get();
          throw new AssertionError(call.getKey() + " accepted a card number");
        } catch (StatusRuntimeException e) {
          ErrorDetails error = ErrorDetails.of(e);
          assertThat(error.code()).as(call.getKey()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(error.reason()).as(call.getKey()).isIn("CARD_NUMBER_NOT_ACCEPTED", "INVALID_FIELD");
          if (error.reason().equals("CARD_NUMBER_NOT_ACCEPTED")) {
            screened++;
          }
          errorTexts.add(call.getKey() + ": " + e.getStatus().getDescription() + " " + error.errorInfos()
              + error.fieldViolations().stream().map(BadRequest.FieldViolation::toString).toList()
              + (e.getTrailers() == null ? "" : e.getTrailers().toString()));
        }
      }
      // A CVV-like value alone cannot be recognised; accepted, it is stored only sealed.
      server.frontend().createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(account("c2"))
          .setBillingProfile(profile().toBuilder().setCompany(CVV_TEXT)).setRequestId(Requests.requestId()).build());

      String logText = logs.text();
      for (String needle : NEEDLES) {
        assertThat(logText).as("logs").doesNotContain(needle);
      }
      assertThat(logText).as("logs").doesNotContain(CVV);
    }
    for (String text : errorTexts) {
      for (String needle : NEEDLES) {
        assertThat(text).as("error").doesNotContain(needle);
      }
      assertThat(text).as("error").doesNotContain(CVV);
    }
    assertThat(screened).as("refusals for the card number itself").isGreaterThanOrEqualTo(15);
    try (Connection db = server.jdbc()) {
      assertThat(DatabaseCells.containing(db, NEEDLES.toArray(String[]::new))).as("database").isEmpty();
      // Text columns only: in binary ones (ciphertext) any three bytes occur by chance.
      assertThat(DatabaseCells.matching(db, cell -> cell.text() && cell.contains(CVV))).as("database text columns").isEmpty();
    }
    double refusals = server.harness.scrapeMetrics().lines().filter(l -> l.startsWith("custody_card_numbers_refused_total{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    assertThat(refusals).isEqualTo(screened);
  }

  /** Every RPC of billing's contract, each with a card number or CVV where a caller could put one. */
  private static Map<String, Supplier<Object>> canaryCalls(String profile, String invoice) {
    String cardAccount = account(CARD_DIGITS);
    var billing = server.frontend();
    var operator = server.operator();
    var keys = server.keys();
    var disclosure = server.disclosure(Purpose.SUBJECT_REQUEST);
    var provision = server.frontend(Purpose.SERVICE_PROVISION);

    Map<String, Supplier<Object>> calls = new LinkedHashMap<>();
    calls.put("CreateBillingProfile", () -> billing.createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(account("c1"))
        .setBillingProfile(profile().toBuilder().setBillingName("Ada " + CARD).setCompany(CVV_TEXT)).build()));
    calls.put("GetBillingProfile", () -> billing.getBillingProfile(GetBillingProfileRequest.newBuilder()
        .setName(cardAccount + "/billingProfiles/x" + CVV).build()));
    calls.put("ListBillingProfiles", () -> billing.listBillingProfiles(ListBillingProfilesRequest.newBuilder()
        .setParent(cardAccount).setPageToken(CVV_TEXT).build()));
    calls.put("UpdateBillingProfile", () -> billing.updateBillingProfile(UpdateBillingProfileRequest.newBuilder()
        .setBillingProfile(BillingProfile.newBuilder().setName(profile).setBillingName(CARD_DASHED + " " + CVV_TEXT))
        .setUpdateMask(FieldMask.newBuilder().addPaths("billing_name")).build()));
    calls.put("DeleteBillingProfile", () -> billing.deleteBillingProfile(DeleteBillingProfileRequest.newBuilder()
        .setName(cardAccount + "/billingProfiles/p1").build()));
    calls.put("CreatePaymentMethod", () -> billing.createPaymentMethod(createCard("c1", "1111", 12, 2030, false).toBuilder()
        .setProcessor("cvv" + CVV).setUnknownFields(smuggled(CARD)).build()));
    calls.put("ListPaymentMethods", () -> billing.listPaymentMethods(ListPaymentMethodsRequest.newBuilder().setParent(cardAccount).build()));
    calls.put("SetDefaultPaymentMethod", () -> billing.setDefaultPaymentMethod(SetDefaultPaymentMethodRequest.newBuilder()
        .setName(account("c1") + "/paymentMethods/" + CARD_DASHED).build()));
    calls.put("DeletePaymentMethod", () -> billing.deletePaymentMethod(DeletePaymentMethodRequest.newBuilder()
        .setName(account("c1") + "/paymentMethods/" + CARD_DIGITS).build()));
    calls.put("GetPaymentStanding", () -> provision.getPaymentStanding(GetPaymentStandingRequest.newBuilder().setAccount(cardAccount).build()));
    calls.put("CreateInvoice", () -> operator.createInvoice(createInvoice("c1", profile).toBuilder().clearLineItems()
        .addLineItems(InvoiceLineItem.newBuilder().setDescription("paid with " + CARD + " " + CVV_TEXT).setQuantity(1).setUnitAmountMinor(1))
        .build()));
    calls.put("GetInvoice", () -> billing.getInvoice(GetInvoiceRequest.newBuilder().setName(cardAccount + "/invoices/i1").build()));
    calls.put("ListInvoices", () -> billing.listInvoices(ListInvoicesRequest.newBuilder().setParent(cardAccount).build()));
    calls.put("UpdateInvoiceStatus", () -> operator.updateInvoiceStatus(UpdateInvoiceStatusRequest.newBuilder()
        .setName(invoice).setStatus(InvoiceStatus.INVOICE_STATUS_PAID).setUnknownFields(smuggled(CARD)).build()));
    calls.put("RotateKeyEncryptionKey", () -> keys.rotateKeyEncryptionKey(RotateKeyEncryptionKeyRequest.newBuilder().setRequestId(CARD).build()));
    calls.put("ListKeyVersions", () -> keys.listKeyVersions(ListKeyVersionsRequest.newBuilder().setUnknownFields(smuggled(CARD + " " + CVV_TEXT)).build()));
    calls.put("StartRewrap", () -> keys.startRewrap(StartRewrapRequest.newBuilder().setRequestId(CARD_DASHED).build()));
    calls.put("GetRewrapJob", () -> keys.getRewrapJob(GetRewrapJobRequest.newBuilder().setName("rewrapJobs/" + CARD_DASHED).build()));
    calls.put("DisableKeyVersion", () -> keys.disableKeyVersion(DisableKeyVersionRequest.newBuilder().setName("keyVersions/" + CARD_DIGITS).build()));
    calls.put("DestroyKeyVersion", () -> keys.destroyKeyVersion(DestroyKeyVersionRequest.newBuilder().setName("keyVersions/" + CARD_DIGITS).build()));
    calls.put("PurgeExpiredRetention", () -> keys.purgeExpiredRetention(PurgeExpiredRetentionRequest.newBuilder()
        .setUnknownFields(smuggled(CARD_DIGITS)).build()));
    calls.put("ExportSubjectData", () -> disclosure.exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setAccount(cardAccount))
        .setDisclosure("disclosures/" + CARD_DASHED).build()));
    calls.put("EraseSubjectData", () -> disclosure.eraseSubjectData(EraseSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setEmail(CARD_DIGITS + "@example.org"))
        .setRequestId(Requests.requestId()).setErasure("erasures/" + CARD_DASHED).build()));
    return calls;
  }
}
