package org.custody.billing.invoice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.billing.ListCursor;
import org.custody.billing.TextRules;
import org.custody.billing.crypto.DataCipher;
import org.custody.billing.crypto.SubjectKeys;
import org.custody.billing.profile.BillingProfile;
import org.custody.billing.profile.BillingProfiles;
import org.custody.platform.api.AccountName;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.errors.FieldViolation;

/**
 * Invoices: gap-free numbers per project and year, integer minor-unit amounts in an ISO 4217
 * currency, a sealed snapshot of the billing profile's name and address at issue, open then paid
 * or void, and kept for the legal retention period.
 */
public final class Invoices {
  /** The largest total an invoice may carry, in minor units; far below overflow. */
  static final long MAX_TOTAL_MINOR = 1_000_000_000_000_000_000L;
  private static final DateTimeFormatter ISSUE_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private final InvoiceStore store;
  private final BillingProfiles profiles;
  private final SubjectKeys keys;
  private final RetentionPolicy retention;
  private final Transactions transactions;
  private final RandomIds ids;
  private final Clock clock;

  public Invoices(InvoiceStore store, BillingProfiles profiles, SubjectKeys keys, RetentionPolicy retention,
      Transactions transactions, RandomIds ids, Clock clock) {
    this.store = store;
    this.profiles = profiles;
    this.keys = keys;
    this.retention = retention;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
  }

  public RetentionPolicy retention() {
    return retention;
  }

  /** Issues an invoice to one of the subject's billing profiles. */
  public Invoice create(AccountName subject, NewInvoice request) {
    List<FieldViolation> violations = new ArrayList<>();
    if (!Currencies.isIso4217(request.currencyCode())) {
      violations.add(new FieldViolation("currency_code", "is not an ISO 4217 currency code"));
    }
    LocalDate issueDate = issueDate(request.issueDate(), violations);
    List<InvoiceLine> lines = lines(request.lines(), violations);
    long total = total(lines, violations);
    if (!violations.isEmpty()) {
      throw DomainException.invalid("INVALID_FIELD", violations);
    }
    return transactions.inTransaction(() -> {
      SubjectKeys.Keyed key = keys.forWriting(subject);
      BillingProfile profile = profiles.get(subject, request.billingProfileId());
      BillTo billTo = new BillTo(profile.details().billingName(), profile.details().company(), profile.details().address());
      String id = ids.next();
      String number = String.format("INV-%d-%06d", issueDate.getYear(), store.nextNumber(subject.projectId(), issueDate.getYear()));
      Instant now = clock.instant();
      Invoice invoice = new Invoice(id, subject, number, profile.id(), issueDate, request.currencyCode(), lines, total,
          InvoiceStatus.OPEN, billTo, retention.retainUntil(issueDate), now, now);
      store.insert(new InvoiceStore.Sealed(id, subject, number, profile.id(), issueDate, invoice.currencyCode(), total,
          InvoiceStatus.OPEN, key.keyId(), InvoiceCodec.seal(key.cipher(), id, new InvoiceCodec.Contents(billTo, lines)),
          invoice.retainUntil(), now, now));
      return invoice;
    });
  }

  public Invoice get(AccountName subject, String id) {
    return store.find(subject, id).map(this::open).orElseThrow(Invoices::notFound);
  }

  /** A page of the subject's invoices, newest first. */
  public Slice<Invoice> list(AccountName subject, String cursor, int size) {
    Optional<ListCursor> after = Optional.ofNullable(ListCursor.decode(cursor));
    return Slice.fetch(size, limit -> store.listNewestFirst(subject, after, limit).stream().map(this::open).toList(),
        i -> new ListCursor(i.createTime(), i.id()).encode());
  }

  /** Every invoice of the subject still held, retained ones included (exports). */
  public List<Invoice> all(AccountName subject) {
    return store.listNewestFirst(subject, Optional.empty(), Integer.MAX_VALUE).stream().map(this::open).toList();
  }

  /** Marks an open invoice paid or void; asking again for its current status changes nothing. */
  public Invoice updateStatus(AccountName subject, String id, InvoiceStatus status) {
    if (status == InvoiceStatus.OPEN) {
      throw DomainException.invalidField("status", "must be PAID or VOID");
    }
    return transactions.inTransaction(() -> {
      InvoiceStore.Stored stored = store.findForUpdate(subject, id).orElseThrow(Invoices::notFound);
      Invoice invoice = open(stored);
      if (invoice.status() == status) {
        return invoice;
      }
      if (invoice.status() != InvoiceStatus.OPEN) {
        throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "INVOICE_NOT_OPEN", "only an open invoice can be paid or voided");
      }
      Instant now = clock.instant();
      store.updateStatus(id, status, now);
      return invoice.withStatus(status, now);
    });
  }

  /** What an erasure did to a subject's invoices. */
  public record RetentionTransfer(int deletedExpired, int retained, Map<Instant, Long> retainedByPurgeTime,
      Optional<String> retentionKeyId) {}

  /**
   * Part of an erasure, inside its transaction: invoices sealed under the subject key whose
   * retention has ended are deleted; the others are resealed under the subject's RETENTION key, so
   * that destroying the subject key afterwards leaves them readable until their retention ends.
   * Reports every invoice the RETENTION key protects, earlier erasures' included.
   *
   * @param subjectKey the subject's SUBJECT key, if it still has one
   */
  public RetentionTransfer transferToRetention(AccountName subject, Optional<SubjectKeys.Keyed> subjectKey) {
    Instant now = clock.instant();
    List<InvoiceStore.Stored> sealed = subjectKey.map(k -> store.sealedUnder(k.keyId())).orElse(List.of());
    int deleted = 0;
    List<InvoiceStore.Stored> kept = new ArrayList<>();
    for (InvoiceStore.Stored invoice : sealed) {
      if (invoice.row().retainUntil().isAfter(now)) {
        kept.add(invoice);
      } else {
        store.delete(invoice.row().id());
        deleted++;
      }
    }
    Optional<String> retentionKeyId;
    if (kept.isEmpty()) {
      retentionKeyId = keys.existingRetentionKeyId(subject);
    } else {
      Instant until = kept.stream().map(i -> i.row().retainUntil()).max(Instant::compareTo).orElseThrow();
      SubjectKeys.Keyed retentionKey = keys.retentionKey(subject, until);
      DataCipher subjectCipher = subjectKey.orElseThrow().cipher();
      for (InvoiceStore.Stored invoice : kept) {
        String id = invoice.row().id();
        InvoiceCodec.Contents contents = InvoiceCodec.open(subjectCipher, id, invoice.row().sealedContents());
        store.reseal(id, retentionKey.keyId(), InvoiceCodec.seal(retentionKey.cipher(), id, contents));
      }
      retentionKeyId = Optional.of(retentionKey.keyId());
    }
    Map<Instant, Long> byPurge = retentionKeyId.map(store::countUnderByRetainUntil).orElse(Map.of());
    int retained = (int) byPurge.values().stream().mapToLong(Long::longValue).sum();
    return new RetentionTransfer(deleted, retained, byPurge, retentionKeyId);
  }

  private Invoice open(InvoiceStore.Stored stored) {
    InvoiceStore.Sealed row = stored.row();
    InvoiceCodec.Contents contents = InvoiceCodec.open(keys.open(stored.key()), row.id(), row.sealedContents());
    return new Invoice(row.id(), row.subject(), row.invoiceNumber(), row.billingProfileId(), row.issueDate(), row.currencyCode(),
        contents.lines(), row.totalMinor(), row.status(), contents.billTo(), row.retainUntil(), row.createTime(), row.updateTime());
  }

  private LocalDate issueDate(Optional<String> requested, List<FieldViolation> violations) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (requested.isEmpty()) {
      return today;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(requested.get(), ISSUE_DATE);
    } catch (DateTimeParseException e) {
      violations.add(new FieldViolation("issue_date", "is not a calendar date (YYYY-MM-DD)"));
      return today;
    }
    if (date.isAfter(today)) {
      violations.add(new FieldViolation("issue_date", "must not be in the future"));
    } else if (!retention.retainUntil(date).isAfter(clock.instant())) {
      violations.add(new FieldViolation("issue_date", "is older than the retention period"));
    }
    return date;
  }

  private static List<InvoiceLine> lines(List<NewInvoice.Line> requested, List<FieldViolation> violations) {
    List<InvoiceLine> lines = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      NewInvoice.Line line = requested.get(i);
      String field = "line_items[" + i + "]";
      TextRules.required(line.description(), field + ".description", violations);
      if (line.quantity() <= 0) {
        violations.add(new FieldViolation(field + ".quantity", "must be positive"));
      }
      if (line.unitAmountMinor() < 0) {
        violations.add(new FieldViolation(field + ".unit_amount_minor", "must not be negative"));
      }
      long amount;
      try {
        amount = Math.multiplyExact(line.quantity(), line.unitAmountMinor());
      } catch (ArithmeticException e) {
        violations.add(new FieldViolation(field + ".unit_amount_minor", "quantity times unit amount is too large"));
        amount = 0;
      }
      lines.add(new InvoiceLine(line.description().strip(), line.quantity(), line.unitAmountMinor(), amount));
    }
    if (lines.isEmpty()) {
      violations.add(new FieldViolation("line_items", "needs at least one line"));
    }
    return lines;
  }

  private static long total(List<InvoiceLine> lines, List<FieldViolation> violations) {
    long total = 0;
    try {
      for (InvoiceLine line : lines) {
        total = Math.addExact(total, line.amountMinor());
      }
    } catch (ArithmeticException e) {
      total = Long.MAX_VALUE;
    }
    if (total > MAX_TOTAL_MINOR) {
      violations.add(new FieldViolation("line_items", "the total exceeds the largest amount an invoice may carry"));
    }
    return total;
  }

  private static DomainException notFound() {
    return DomainException.notFound("invoice");
  }
}
