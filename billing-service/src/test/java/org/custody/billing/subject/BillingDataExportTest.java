package org.custody.billing.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.billing.testing.Samples.ADA;
import static org.custody.billing.testing.Samples.card;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.custody.billing.invoice.NewInvoice;
import org.custody.billing.profile.BillingProfile;
import org.custody.billing.testing.InMemoryBilling;
import org.custody.platform.api.AccountName;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.SubjectField;
import org.custody.platform.subject.SubjectRecord;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class BillingDataExportTest {
  private static final AccountName ACCOUNT = new AccountName("acme", "a1");
  private final InMemoryBilling billing = new InMemoryBilling(MutableClock.at("2026-03-15T10:00:00Z"));

  private void holdEverything() {
    BillingProfile profile = billing.profiles.create(ACCOUNT, ADA);
    billing.paymentMethods.create(ACCOUNT, card("4242", 12, 2030, true));
    billing.invoices.create(ACCOUNT, new NewInvoice(profile.id(), "EUR", Optional.empty(), List.of(new NewInvoice.Line("Pro plan", 1, 1999))));
  }

  @Test
  void P13_export_labelsEveryValueAndNeverCarriesTheToken() {
    holdEverything();
    List<SubjectRecord> records = billing.export.export(ACCOUNT, CategoryFilter.all());
    assertThat(records).extracting(SubjectRecord::kind).containsExactly("billing_profile", "payment_method", "invoice");
    assertThat(records).allSatisfy(r -> assertThat(r.name()).isPresent());
    SubjectRecord method = records.get(1);
    assertThat(method.fields()).extracting(SubjectField::name)
        .containsExactly("processor", "brand", "last4", "exp_month", "exp_year", "is_default", "create_time");
    assertThat(records).flatExtracting(SubjectRecord::fields).extracting(SubjectField::value).doesNotContain("pm_4242_tok");
    assertThat(records.get(0).fields()).contains(new SubjectField("billing_email", DataCategory.USER_CONTACT_EMAIL, "ada@example.org"));
    assertThat(records.get(2).fields()).contains(new SubjectField("bill_to.billing_name", DataCategory.USER_NAME, "Ada Lovelace"));
  }

  @Test
  void export_categoriesFilter_leavesOutEverythingElse() {
    holdEverything();
    List<SubjectRecord> addressOnly = billing.export.export(ACCOUNT, CategoryFilter.of(Set.of(DataCategory.USER_CONTACT_ADDRESS)));
    assertThat(addressOnly).extracting(SubjectRecord::kind).containsExactly("billing_profile", "invoice");
    assertThat(addressOnly).allSatisfy(r -> {
      assertThat(r.name()).isEmpty(); // identifiers were not asked for
      assertThat(r.fields()).extracting(SubjectField::category).containsOnly(DataCategory.USER_CONTACT_ADDRESS);
    });
  }

  @Test
  void export_subjectWithoutBillingData_isEmpty() {
    assertThat(billing.export.export(new AccountName("acme", "nobody"), CategoryFilter.all())).isEmpty();
  }
}
