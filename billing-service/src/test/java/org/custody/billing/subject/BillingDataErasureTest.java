package org.custody.billing.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.billing.testing.Samples.ADA;
import static org.custody.billing.testing.Samples.card;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.billing.crypto.DataKeyRow;
import org.custody.billing.crypto.KeyPurpose;
import org.custody.billing.crypto.SealedDataUnreadableException;
import org.custody.billing.invoice.Invoice;
import org.custody.billing.invoice.NewInvoice;
import org.custody.billing.profile.BillingProfile;
import org.custody.billing.profile.BillingProfileStore;
import org.custody.billing.testing.InMemoryBilling;
import org.custody.platform.api.AccountName;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.ErasureReceipt;
import org.custody.platform.subject.SubjectRecord;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class BillingDataErasureTest {
  private static final AccountName ACCOUNT = new AccountName("acme", "a1");
  private static final AccountName NEIGHBOUR = new AccountName("acme", "a2");
  private final MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
  private final InMemoryBilling billing = new InMemoryBilling(clock);

  private Invoice invoice(AccountName subject, BillingProfile profile, String issueDate) {
    return billing.invoices.create(subject, new NewInvoice(profile.id(), "EUR", Optional.of(issueDate),
        List.of(new NewInvoice.Line("Pro plan", 1, 1999))));
  }

  @Test
  void P13_erase_receiptListsErasedAndRetainedWithBasisAndPurgeDate() {
    BillingProfile profile = billing.profiles.create(ACCOUNT, ADA);
    billing.paymentMethods.create(ACCOUNT, card("4242", 12, 2030, true));
    invoice(ACCOUNT, profile, "2026-01-10");
    invoice(ACCOUNT, profile, "2025-06-01");

    ErasureReceipt receipt = billing.erasure.erase(ACCOUNT, Optional.of("erasures/e1"));

    assertThat(receipt.erasure()).contains("erasures/e1");
    assertThat(receipt.erased()).containsExactly(new ErasureReceipt.Erased("billing_profile", 1),
        new ErasureReceipt.Erased("payment_method", 1), new ErasureReceipt.Erased("data_key", 1));
    assertThat(receipt.retained()).extracting(ErasureReceipt.Retained::purgeTime)
        .containsExactly(Instant.parse("2036-01-01T00:00:00Z"), Instant.parse("2037-01-01T00:00:00Z"));
    assertThat(receipt.retained()).allSatisfy(r -> {
      assertThat(r.kind()).isEqualTo("invoice");
      assertThat(r.count()).isEqualTo(1);
      assertThat(r.legalBasis()).contains("retention");
      assertThat(r.categories()).contains(DataCategory.USER_NAME, DataCategory.USER_CONTACT_ADDRESS);
    });
    assertThat(billing.profileStore.rows()).isEmpty();
    assertThat(billing.paymentMethodStore.rows()).isEmpty();
    assertThat(billing.dataKeys.rows()).extracting(DataKeyRow::purpose).containsExactly(KeyPurpose.RETENTION);
  }

  @Test
  void P13_erase_retainedInvoicesStayReadableAndExportable() {
    BillingProfile profile = billing.profiles.create(ACCOUNT, ADA);
    Invoice invoice = invoice(ACCOUNT, profile, "2026-01-10");
    billing.erasure.erase(ACCOUNT, Optional.empty());
    assertThat(billing.invoices.get(ACCOUNT, invoice.id()).billTo().billingName()).isEqualTo("Ada Lovelace");
    assertThat(billing.export.export(ACCOUNT, CategoryFilter.all())).extracting(SubjectRecord::kind).containsExactly("invoice");
  }

  @Test
  void P13_erase_copiesTakenBeforeCanNoLongerBeOpenedByAnyKey() {
    BillingProfile profile = billing.profiles.create(ACCOUNT, ADA);
    billing.profiles.create(NEIGHBOUR, ADA);
    List<BillingProfileStore.Sealed> backup = billing.profileStore.rows().stream()
        .filter(r -> r.subject().equals(ACCOUNT)).toList();
    assertThat(backup).hasSize(1);

    billing.erasure.erase(ACCOUNT, Optional.empty());

    BillingProfileStore.Sealed copied = backup.get(0);
    assertThat(billing.dataKeys.rows()).noneMatch(k -> k.ref().id().equals(copied.dataKeyId()));
    for (DataKeyRow key : billing.dataKeys.rows()) {
      assertThatThrownBy(() -> billing.envelope.open(key.ref()).open(copied.sealedDetails(), "billing_profiles/" + profile.id() + "/details"))
          .isInstanceOf(SealedDataUnreadableException.class);
    }
  }

  @Test
  void P13_erase_again_returnsTheFirstReceipt() {
    billing.profiles.create(ACCOUNT, ADA);
    ErasureReceipt first = billing.erasure.erase(ACCOUNT, Optional.of("erasures/e1"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(billing.erasure.erase(ACCOUNT, Optional.of("erasures/e1"))).isEqualTo(first);
  }

  @Test
  void erase_leavesOtherSubjectsAlone() {
    billing.profiles.create(ACCOUNT, ADA);
    BillingProfile neighbour = billing.profiles.create(NEIGHBOUR, ADA);
    billing.erasure.erase(ACCOUNT, Optional.empty());
    assertThat(billing.profiles.get(NEIGHBOUR, neighbour.id()).details()).isEqualTo(ADA);
  }

  @Test
  void purgeExpired_afterRetentionEnds_destroysTheRetentionKeyAndInvoices() {
    BillingProfile profile = billing.profiles.create(ACCOUNT, ADA);
    invoice(ACCOUNT, profile, "2026-01-10");
    invoice(ACCOUNT, profile, "2025-06-01");
    billing.erasure.erase(ACCOUNT, Optional.empty());

    clock.set(Instant.parse("2036-01-01T00:00:00Z"));
    assertThat(billing.purge.purgeExpired()).isEqualTo(new RetentionPurge.Result(0, 1));
    assertThat(billing.dataKeys.rows()).hasSize(1);

    clock.set(Instant.parse("2037-01-01T00:00:00Z"));
    assertThat(billing.purge.purgeExpired()).isEqualTo(new RetentionPurge.Result(1, 1));
    assertThat(billing.dataKeys.rows()).isEmpty();
    assertThat(billing.invoiceStore.rows()).isEmpty();
  }
}
