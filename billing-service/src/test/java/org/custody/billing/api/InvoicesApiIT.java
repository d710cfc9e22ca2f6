package org.custody.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.billing.testing.Requests.account;
import static org.custody.billing.testing.Requests.createInvoice;
import static org.custody.billing.testing.Requests.createProfile;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.custody.billing.testing.BillingTestServer;
import org.custody.billing.testing.Requests;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.DatabaseCells;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.CreateInvoiceRequest;
import org.custody.proto.billing.v1.GetInvoiceRequest;
import org.custody.proto.billing.v1.Invoice;
import org.custody.proto.billing.v1.InvoiceLineItem;
import org.custody.proto.billing.v1.InvoiceStatus;
import org.custody.proto.billing.v1.ListInvoicesRequest;
import org.custody.proto.billing.v1.ListInvoicesResponse;
import org.custody.proto.billing.v1.UpdateInvoiceStatusRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class InvoicesApiIT {
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

  private static String profile(String accountId) {
    return server.frontend().createBillingProfile(createProfile(accountId)).getBillingProfile().getName();
  }

  private static ErrorDetails failure(Consumer<BillingServiceGrpc.BillingServiceBlockingStub> call) {
    return ErrorDetails.ofFailure(() -> call.accept(server.operator()));
  }

  @Test
  void createInvoice_snapshotsTheProfileAndIsRetainedTenYears() {
    Invoice invoice = server.operator().createInvoice(createInvoice("i1", profile("i1"))).getInvoice();
    assertThat(invoice.getInvoiceNumber()).matches("INV-2026-\\d{6}");
    assertThat(invoice.getIssueDate()).isEqualTo("2026-03-15");
    assertThat(invoice.getLineItemsList()).extracting(InvoiceLineItem::getAmountMinor).containsExactly(5997L);
    assertThat(invoice.getTotalMinor()).isEqualTo(5997);
    assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.INVOICE_STATUS_OPEN);
    assertThat(invoice.getBillTo().getBillingName()).isEqualTo("Ada Lovelace");
    assertThat(ProtoTimes.instant(invoice.getRetainUntilTime())).isEqualTo(Instant.parse("2037-01-01T00:00:00Z"));
    assertThat(server.frontend().getInvoice(GetInvoiceRequest.newBuilder().setName(invoice.getName()).build()).getInvoice())
        .isEqualTo(invoice);
  }

  @Test
  void P3_createInvoice_billToIsNotInTheDatabaseInClear() throws Exception {
    server.operator().createInvoice(createInvoice("i2", profile("i2")).toBuilder().setRequestId(Requests.requestId()).build());
    try (Connection db = server.jdbc()) {
      assertThat(DatabaseCells.containing(db, "Ada Lovelace", "Crescent Road", "Pro plan")).isEmpty();
    }
  }

  @Test
  void createInvoice_malformedCurrencyDateAndAmounts_areFieldViolations() {
    String profile = profile("i3");
    assertThat(failure(s -> s.createInvoice(createInvoice("i3", profile).toBuilder().setCurrencyCode("EURO").build())).violatedFields())
        .containsExactly("currency_code");
    assertThat(failure(s -> s.createInvoice(createInvoice("i3", profile).toBuilder().setCurrencyCode("ABC").build())).violatedFields())
        .containsExactly("currency_code");
    assertThat(failure(s -> s.createInvoice(createInvoice("i3", profile).toBuilder().setIssueDate("2026-13-01").build())).violatedFields())
        .containsExactly("issue_date");
    assertThat(failure(s -> s.createInvoice(createInvoice("i3", profile).toBuilder().clearLineItems()
        .addLineItems(InvoiceLineItem.newBuilder().setDescription("x").setQuantity(0).setUnitAmountMinor(-5)).build())).violatedFields())
        .containsExactly("line_items[0].quantity", "line_items[0].unit_amount_minor");
    assertThat(failure(s -> s.createInvoice(createInvoice("i3", profile).toBuilder().clearLineItems().build())).violatedFields())
        .containsExactly("line_items");
  }

  @Test
  void createInvoice_profileOfAnotherAccount_isRefused() {
    String other = profile("i4");
    ErrorDetails error = failure(s -> s.createInvoice(createInvoice("i5", other)));
    assertThat(error.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(error.violatedFields()).containsExactly("billing_profile");
  }

  @Test
  void updateInvoiceStatus_paidIsFinal() {
    Invoice invoice = server.operator().createInvoice(createInvoice("i6", profile("i6"))).getInvoice();
    Invoice paid = server.operator().updateInvoiceStatus(UpdateInvoiceStatusRequest.newBuilder().setName(invoice.getName())
        .setStatus(InvoiceStatus.INVOICE_STATUS_PAID).build()).getInvoice();
    assertThat(paid.getStatus()).isEqualTo(InvoiceStatus.INVOICE_STATUS_PAID);
    ErrorDetails error = failure(s -> s.updateInvoiceStatus(UpdateInvoiceStatusRequest.newBuilder().setName(invoice.getName())
        .setStatus(InvoiceStatus.INVOICE_STATUS_VOID).build()));
    assertThat(error.reason()).isEqualTo("INVOICE_NOT_OPEN");
    assertThat(failure(s -> s.updateInvoiceStatus(UpdateInvoiceStatusRequest.newBuilder().setName(invoice.getName())
        .setStatus(InvoiceStatus.INVOICE_STATUS_OPEN).build())).violatedFields()).containsExactly("status");
  }

  @Test
  void listInvoices_newestFirstAcrossPages() {
    String profile = profile("i7");
    CreateInvoiceRequest request = createInvoice("i7", profile);
    Invoice firstInvoice = server.operator().createInvoice(request).getInvoice();
    server.clock.advance(Duration.ofSeconds(1));
    Invoice secondInvoice = server.operator().createInvoice(request).getInvoice();
    String first = firstInvoice.getName();
    String second = secondInvoice.getName();
    // Numbers are gap-free within the project and year.
    assertThat(Integer.parseInt(secondInvoice.getInvoiceNumber().substring(9)))
        .isEqualTo(Integer.parseInt(firstInvoice.getInvoiceNumber().substring(9)) + 1);
    ListInvoicesResponse page = server.frontend().listInvoices(ListInvoicesRequest.newBuilder().setParent(account("i7")).setPageSize(1).build());
    assertThat(page.getInvoices(0).getName()).isEqualTo(second);
    ListInvoicesResponse next = server.frontend().listInvoices(ListInvoicesRequest.newBuilder().setParent(account("i7")).setPageSize(1)
        .setPageToken(page.getNextPageToken()).build());
    assertThat(next.getInvoices(0).getName()).isEqualTo(first);
  }

  @Test
  void createInvoice_byTheFrontend_isRefused() {
    try {
      server.frontend().createInvoice(createInvoice("i8", profile("i8")));
      throw new AssertionError("the frontend issued an invoice");
    } catch (StatusRuntimeException e) {
      assertThat(ErrorDetails.of(e).reason()).isEqualTo("CALLER_NOT_ALLOWED");
    }
  }
}
