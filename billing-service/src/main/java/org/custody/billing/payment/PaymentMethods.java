package org.custody.billing.payment;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custody.billing.ListCursor;
import org.custody.billing.TextRules;
import org.custody.billing.crypto.DataCipher;
import org.custody.billing.crypto.SubjectKeys;
import org.custody.platform.api.AccountName;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.errors.FieldViolation;

/**
 * Payment methods (P3): the processor's token (sealed), brand, last four (sealed) and expiry; an
 * account has at most one default, and an expired card cannot become it.
 */
public final class PaymentMethods {
  /** How far ahead an expiry may be: cards are issued for at most a few years. */
  static final int MAX_YEARS_AHEAD = 20;

  private final PaymentMethodStore store;
  private final SubjectKeys keys;
  private final Transactions transactions;
  private final RandomIds ids;
  private final Clock clock;

  public PaymentMethods(PaymentMethodStore store, SubjectKeys keys, Transactions transactions,
      RandomIds ids, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
  }

  public PaymentMethod create(AccountName subject, NewPaymentMethod method) {
    check(method);
    String processorToken = method.processorToken().strip();
    return transactions.inTransaction(() -> {
      SubjectKeys.Keyed key = keys.forWriting(subject);
      String id = ids.next();
      Instant now = clock.instant();
      store.insert(new PaymentMethodStore.Sealed(id, subject, method.processor(), method.brand(), method.expiry(), key.keyId(),
          PaymentMethodCodec.sealToken(key.cipher(), id, processorToken),
          PaymentMethodCodec.sealLast4(key.cipher(), id, method.last4()), now));
      if (method.makeDefault()) {
        store.setDefault(subject, id, now);
      }
      return new PaymentMethod(id, subject, method.processor(), method.brand(), method.last4(), method.expiry(),
          method.makeDefault(), now);
    });
  }

  public PaymentMethod get(AccountName subject, String id) {
    return store.find(subject, id).map(this::open).orElseThrow(PaymentMethods::notFound);
  }

  /** A page of the subject's payment methods, oldest first. */
  public Slice<PaymentMethod> list(AccountName subject, String cursor, int size) {
    Optional<ListCursor> after = Optional.ofNullable(ListCursor.decode(cursor));
    return Slice.fetch(size, limit -> store.list(subject, after, limit).stream().map(this::open).toList(),
        m -> new ListCursor(m.createTime(), m.id()).encode());
  }

  /** Every payment method of the subject (exports). */
  public List<PaymentMethod> all(AccountName subject) {
    return store.list(subject, Optional.empty(), Integer.MAX_VALUE).stream().map(this::open).toList();
  }

  /**
   * Makes the payment method the account's only default. However calls interleave, the account
   * ends with exactly one default: the mark is a single row per account, replaced atomically.
   */
  public PaymentMethod setDefault(AccountName subject, String id) {
    PaymentMethodStore.Stored stored = store.find(subject, id).orElseThrow(PaymentMethods::notFound);
    if (stored.row().expiry().expiredAt(clock)) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "CARD_EXPIRED", "an expired card cannot be the default");
    }
    if (!transactions.inTransaction(() -> store.setDefault(subject, id, clock.instant()))) {
      throw notFound();
    }
    PaymentMethod method = open(stored);
    return new PaymentMethod(method.id(), subject, method.processor(), method.brand(), method.last4(), method.expiry(), true,
        method.createTime());
  }

  public void delete(AccountName subject, String id) {
    if (!store.delete(subject, id)) {
      throw notFound();
    }
  }

  private void check(NewPaymentMethod method) {
    List<FieldViolation> violations = new ArrayList<>();
    TextRules.required(method.processorToken(), "processor_token", violations);
    YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    YearMonth expiry = method.expiry().yearMonth();
    if (expiry.isBefore(now)) {
      violations.add(new FieldViolation("exp_year", "the card has expired"));
      violations.add(new FieldViolation("exp_month", "the card has expired"));
    } else if (expiry.isAfter(now.plusYears(MAX_YEARS_AHEAD))) {
      violations.add(new FieldViolation("exp_year", "is more than " + MAX_YEARS_AHEAD + " years ahead"));
    }
    if (!violations.isEmpty()) {
      throw DomainException.invalid("INVALID_FIELD", violations);
    }
  }

  private PaymentMethod open(PaymentMethodStore.Stored stored) {
    PaymentMethodStore.Sealed row = stored.row();
    DataCipher cipher = keys.open(stored.key());
    return new PaymentMethod(row.id(), row.subject(), row.processor(), row.brand(),
        PaymentMethodCodec.openLast4(cipher, row.id(), row.sealedLast4()), row.expiry(), stored.isDefault(), row.createTime());
  }

  private static DomainException notFound() {
    return DomainException.notFound("payment method");
  }
}
