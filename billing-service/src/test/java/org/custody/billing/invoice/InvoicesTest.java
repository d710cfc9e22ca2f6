package org.custody.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.billing.testing.Samples.ADA;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.custody.billing.profile.BillingProfile;
import org.custody.billing.testing.InMemoryBilling;
import org.custody.billing.testing.Samples;
import org.custody.platform.api.AccountName;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class InvoicesTest {
  private static final AccountName ACCOUNT = new AccountName("acme", "a1");
  private final MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
  private final InMemoryBilling billing = new InMemoryBilling(clock);
  private final BillingProfile profile = billing.profiles.create(ACCOUNT, ADA);

  private NewInvoice invoice(String currency, Optional<String> issueDate, NewInvoice.Line... lines) {
    return new NewInvoice(profile.id(), currency, issueDate, List.of(lines));
  }

  @Test
  void create_computesAmountsInMinorUnitsAndSnapshotsTheProfile() {
    Invoice invoice = billing.invoices.create(ACCOUNT, invoice("EUR", Optional.empty(),
        new NewInvoice.Line("Pro plan, March", 3, 1999), new NewInvoice.Line("Setup", 1, 5000)));
    assertThat(invoice.lines()).extracting(InvoiceLine::amountMinor).containsExactly(5997L, 5000L);
    assertThat(invoice.totalMinor()).isEqualTo(10997);
    assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(invoice.issueDate()).isEqualTo(LocalDate.of(2026, 3, 15));
    assertThat(invoice.billTo()).isEqualTo(new BillTo("Ada Lovelace", "Analytical Engines Ltd", Samples.ADDRESS));
    assertThat(billing.invoices.get(ACCOUNT, invoice.id())).isEqualTo(invoice);
  }

  @Test
  void P3_create_sealsBillToAndLines() {
    billing.invoices.create(ACCOUNT, invoice("EUR", Optional.empty(), new NewInvoice.Line("Pro plan", 1, 1999)));
    InvoiceStore.Sealed row = billing.invoiceStore.rows().get(0);
    assertThat(Samples.contains(row.sealedContents(), "Ada Lovelace")).isFalse();
    assertThat(Samples.contains(row.sealedContents(), "Crescent Road")).isFalse();
    assertThat(Samples.contains(row.sealedContents(), "Pro plan")).isFalse();
  }

  @Test
  void create_numbersAreSequentialPerProjectAndYear() {
    Invoice first = billing.invoices.create(ACCOUNT, invoice("EUR", Optional.empty(), new NewInvoice.Line("a", 1, 1)));
    Invoice second = billing.invoices.create(ACCOUNT, invoice("EUR", Optional.empty(), new NewInvoice.Line("b", 1, 1)));
    Invoice lastYear = billing.invoices.create(ACCOUNT, invoice("EUR", Optional.of("2025-12-31"), new NewInvoice.Line("c", 1, 1)));
    assertThat(first.invoiceNumber()).isEqualTo("INV-2026-000001");
    assertThat(second.invoiceNumber()).isEqualTo("INV-2026-000002");
    assertThat(lastYear.invoiceNumber()).isEqualTo("INV-2025-000001");
  }

  @Test
  void create_retainedTenYearsAfterTheEndOfTheYearOfIssue() {
    Invoice invoice = billing.invoices.create(ACCOUNT, invoice("EUR", Optional.of("2026-01-02"), new NewInvoice.Line("a", 1, 1)));
    assertThat(invoice.retainUntil()).isEqualTo(Instant.parse("2037-01-01T00:00:00Z"));
  }

  @Test
  void create_badCurrencyDatesAndAmounts_areFieldViolations() {
    assertThatThrownBy(() -> billing.invoices.create(ACCOUNT, invoice("ABC", Optional.of("2026-02-30"),
        new NewInvoice.Line(" ", 1, 100))))
        .satisfies(e -> assertThat(Samples.fields(e)).containsExactly("currency_code", "issue_date", "line_items[0].description"));
    assertThatThrownBy(() -> billing.invoices.create(ACCOUNT, invoice("XXX", Optional.of("2026-03-16"), new NewInvoice.Line("a", 1, 1))))
        .satisfies(e -> assertThat(Samples.fields(e)).containsExactly("currency_code", "issue_date"));
    assertThatThrownBy(() -> billing.invoices.create(ACCOUNT, invoice("EUR", Optional.of("2012-01-01"), new NewInvoice.Line("a", 1, 1))))
        .satisfies(e -> assertThat(Samples.fields(e)).containsExactly("issue_date"));
    assertThat(billing.invoiceStore.rows()).isEmpty();
  }

  @Test
  void create_totalBeyondTheLargestAmount_isRefusedInsteadOfOverflowing() {
    NewInvoice.Line huge = new NewInvoice.Line("a", 1_000_000, 100_000_000_000L);
    NewInvoice.Line[] many = new NewInvoice.Line[200];
    java.util.Arrays.fill(many, huge);
    assertThatThrownBy(() -> billing.invoices.create(ACCOUNT, invoice("EUR", Optional.empty(), many)))
        .satisfies(e -> assertThat(Samples.fields(e)).containsExactly("line_items"));
  }

  @Test
  void create_currencyWithoutMinorUnit_isRefusedButZeroDecimalCurrenciesWork() {
    assertThat(Currencies.isIso4217("JPY")).isTrue();
    assertThat(Currencies.isIso4217("BHD")).isTrue();
    assertThat(Currencies.isIso4217("XAU")).isFalse();
    assertThat(Currencies.isIso4217("eur")).isFalse();
  }

  @Test
  void create_profileOfAnotherAccount_isNotFound() {
    assertThatThrownBy(() -> billing.invoices.create(new AccountName("acme", "a2"), invoice("EUR", Optional.empty(),
        new NewInvoice.Line("a", 1, 1))))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("BILLING_PROFILE_NOT_FOUND"));
  }

  @Test
  void updateStatus_openToPaidOnce() {
    Invoice invoice = billing.invoices.create(ACCOUNT, invoice("EUR", Optional.empty(), new NewInvoice.Line("a", 1, 1)));
    assertThat(billing.invoices.updateStatus(ACCOUNT, invoice.id(), InvoiceStatus.PAID).status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(billing.invoices.updateStatus(ACCOUNT, invoice.id(), InvoiceStatus.PAID).status()).isEqualTo(InvoiceStatus.PAID);
    assertThatThrownBy(() -> billing.invoices.updateStatus(ACCOUNT, invoice.id(), InvoiceStatus.VOID))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
          assertThat(e.reason()).isEqualTo("INVOICE_NOT_OPEN");
        });
  }

  @Test
  void list_newestFirst() {
    Invoice older = billing.invoices.create(ACCOUNT, invoice("EUR", Optional.empty(), new NewInvoice.Line("a", 1, 1)));
    clock.advance(java.time.Duration.ofSeconds(1));
    Invoice newer = billing.invoices.create(ACCOUNT, invoice("EUR", Optional.empty(), new NewInvoice.Line("b", 1, 1)));
    assertThat(billing.invoices.list(ACCOUNT, "", 10).items()).extracting(Invoice::id).containsExactly(newer.id(), older.id());
  }
}
