package org.custody.billing.payment;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.custody.billing.ListCursor;
import org.custody.billing.crypto.DataKeyRef;
import org.custody.platform.api.AccountName;

/** Persistence of payment-method references; token and last four only ever sealed. */
public interface PaymentMethodStore {
  /** A payment-method row: brand and expiry in the clear (standing queries need them). */
  record Sealed(String id, AccountName subject, String processor, CardBrand brand, CardExpiry expiry, String dataKeyId,
      byte[] sealedToken, byte[] sealedLast4, Instant createTime) {}

  /** A row with its data key and whether it is the account's default. */
  record Stored(Sealed row, DataKeyRef key, boolean isDefault) {}

  /** Whether the account's default payment method expires in or after {@code month}. */
  boolean hasDefaultValidIn(String projectId, String accountId, YearMonth month);

  void insert(Sealed row);

  Optional<Stored> find(AccountName subject, String id);

  /** The subject's payment methods by (create time, id), after {@code after} when given. */
  List<Stored> list(AccountName subject, Optional<ListCursor> after, int limit);

  /**
   * Makes the payment method the account's one default, replacing any other in one atomic
   * statement.
   *
   * @return false if the payment method does not exist (any more)
   */
  boolean setDefault(AccountName subject, String id, Instant at);

  /** @return whether a payment method was deleted (its default mark goes with it) */
  boolean delete(AccountName subject, String id);

  /** Deletes all of the subject's payment methods; returns how many. */
  int deleteAll(AccountName subject);
}
