package org.custody.billing.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custody.billing.invoice.Invoice;
import org.custody.billing.invoice.InvoiceLine;
import org.custody.billing.invoice.Invoices;
import org.custody.billing.payment.PaymentMethod;
import org.custody.billing.payment.PaymentMethods;
import org.custody.billing.profile.BillingProfile;
import org.custody.billing.profile.BillingProfiles;
import org.custody.billing.profile.PostalAddress;
import org.custody.platform.api.AccountName;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.SubjectField;
import org.custody.platform.subject.SubjectRecord;

/**
 * Everything billing holds about a subject (P13), machine-readable and labelled by category:
 * billing profiles, payment methods as brand, last four and expiry (never the processor token,
 * which is the processor's reference and not the subject's data to carry elsewhere), and
 * invoices, including those retained after an erasure. The filter leaves out every value of a
 * category not asked for, so a disclosure package carries only what was approved.
 */
public final class BillingDataExport {
  private final BillingProfiles profiles;
  private final PaymentMethods paymentMethods;
  private final Invoices invoices;

  public BillingDataExport(BillingProfiles profiles, PaymentMethods paymentMethods, Invoices invoices) {
    this.profiles = profiles;
    this.paymentMethods = paymentMethods;
    this.invoices = invoices;
  }

  public List<SubjectRecord> export(AccountName subject, CategoryFilter filter) {
    List<SubjectRecord> records = new ArrayList<>();
    for (BillingProfile p : profiles.all(subject)) {
      Builder b = new Builder("billing_profile", p.name(), filter)
          .add("billing_name", DataCategory.USER_NAME, p.details().billingName())
          .add("company", DataCategory.USER_WORKPLACE, p.details().company())
          .add("billing_email", DataCategory.USER_CONTACT_EMAIL, p.details().billingEmail());
      address(b, "address", p.details().address());
      b.add("create_time", DataCategory.USER_FINANCIAL, p.createTime().toString())
          .add("update_time", DataCategory.USER_FINANCIAL, p.updateTime().toString());
      b.build().ifPresent(records::add);
    }
    for (PaymentMethod m : paymentMethods.all(subject)) {
      new Builder("payment_method", m.name(), filter)
          .add("processor", DataCategory.USER_FINANCIAL_CREDIT_CARD, m.processor())
          .add("brand", DataCategory.USER_FINANCIAL_CREDIT_CARD, m.brand().name())
          .add("last4", DataCategory.USER_FINANCIAL_CREDIT_CARD, m.last4())
          .add("exp_month", DataCategory.USER_FINANCIAL_CREDIT_CARD, String.valueOf(m.expiry().month()))
          .add("exp_year", DataCategory.USER_FINANCIAL_CREDIT_CARD, String.valueOf(m.expiry().year()))
          .add("is_default", DataCategory.USER_FINANCIAL_CREDIT_CARD, String.valueOf(m.isDefault()))
          .add("create_time", DataCategory.USER_FINANCIAL_CREDIT_CARD, m.createTime().toString())
          .build().ifPresent(records::add);
    }
    for (Invoice i : invoices.all(subject)) {
      Builder b = new Builder("invoice", i.name(), filter)
          .add("invoice_number", DataCategory.USER_FINANCIAL, i.invoiceNumber())
          .add("issue_date", DataCategory.USER_FINANCIAL, i.issueDate().toString())
          .add("currency_code", DataCategory.USER_FINANCIAL, i.currencyCode())
          .add("total_minor", DataCategory.USER_FINANCIAL, String.valueOf(i.totalMinor()))
          .add("status", DataCategory.USER_FINANCIAL, i.status().name());
      for (int n = 0; n < i.lines().size(); n++) {
        InvoiceLine line = i.lines().get(n);
        String prefix = "line_items[" + n + "].";
        b.add(prefix + "description", DataCategory.USER_FINANCIAL, line.description())
            .add(prefix + "quantity", DataCategory.USER_FINANCIAL, String.valueOf(line.quantity()))
            .add(prefix + "unit_amount_minor", DataCategory.USER_FINANCIAL, String.valueOf(line.unitAmountMinor()))
            .add(prefix + "amount_minor", DataCategory.USER_FINANCIAL, String.valueOf(line.amountMinor()));
      }
      b.add("bill_to.billing_name", DataCategory.USER_NAME, i.billTo().billingName())
          .add("bill_to.company", DataCategory.USER_WORKPLACE, i.billTo().company());
      address(b, "bill_to.address", i.billTo().address());
      b.add("retain_until_time", DataCategory.USER_FINANCIAL, i.retainUntil().toString())
          .add("create_time", DataCategory.USER_FINANCIAL, i.createTime().toString());
      b.build().ifPresent(records::add);
    }
    return records;
  }

  private static void address(Builder b, String prefix, PostalAddress a) {
    for (int n = 0; n < a.lines().size(); n++) {
      b.add(prefix + ".address_lines[" + n + "]", DataCategory.USER_CONTACT_ADDRESS, a.lines().get(n));
    }
    b.add(prefix + ".locality", DataCategory.USER_CONTACT_ADDRESS, a.locality())
        .add(prefix + ".administrative_area", DataCategory.USER_CONTACT_ADDRESS, a.administrativeArea())
        .add(prefix + ".postal_code", DataCategory.USER_CONTACT_ADDRESS, a.postalCode())
        .add(prefix + ".region_code", DataCategory.USER_CONTACT_ADDRESS, a.regionCode());
  }

  /** Collects the values of one record that the filter lets through. Empty values are left out. */
  private static final class Builder {
    private final String kind;
    private final String name;
    private final CategoryFilter filter;
    private final List<SubjectField> fields = new ArrayList<>();

    Builder(String kind, String name, CategoryFilter filter) {
      this.kind = kind;
      this.name = name;
      this.filter = filter;
    }

    Builder add(String field, DataCategory category, String value) {
      if (value != null && !value.isEmpty() && filter.includes(category)) {
        fields.add(new SubjectField(field, category, value));
      }
      return this;
    }

    /** The record, unless the filter left nothing of it. */
    Optional<SubjectRecord> build() {
      Optional<String> shownName = filter.includes(DataCategory.USER_UNIQUE_ID) ? Optional.of(name) : Optional.empty();
      if (fields.isEmpty() && shownName.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new SubjectRecord(kind, shownName, fields));
    }
  }
}
