package org.custody.billing.profile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.billing.ListCursor;
import org.custody.billing.crypto.DataKeyRef;
import org.custody.platform.api.AccountName;

/** Persistence of billing profiles, which it only ever sees sealed. */
public interface BillingProfileStore {
  /** A profile row: ids and times in the clear, the details sealed under the data key. */
  record Sealed(String id, AccountName subject, String dataKeyId, byte[] sealedDetails, Instant createTime, Instant updateTime) {}

  /** A row with the wrapped data key it was sealed under. */
  record Stored(Sealed row, DataKeyRef key) {}

  void insert(Sealed row);

  Optional<Stored> find(AccountName subject, String id);

  /** The row, locked for update (inside a transaction). */
  Optional<Stored> findForUpdate(AccountName subject, String id);

  /** The subject's profiles by (create time, id), after {@code after} when given. */
  List<Stored> list(AccountName subject, Optional<ListCursor> after, int limit);

  void update(String id, byte[] sealedDetails, Instant updateTime);

  /** @return whether a profile was deleted */
  boolean delete(AccountName subject, String id);

  /** Deletes all of the subject's profiles; returns how many. */
  int deleteAll(AccountName subject);
}
