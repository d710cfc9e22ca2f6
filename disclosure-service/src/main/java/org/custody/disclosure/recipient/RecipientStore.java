package org.custody.disclosure.recipient;

import java.util.List;
import java.util.Optional;
import org.custody.disclosure.ledger.Transaction;

/** Persistence of recipients and their versions. */
public interface RecipientStore {
  /** Inserts version 1. A duplicate id becomes ALREADY_EXISTS. */
  void insertFirstVersion(Transaction tx, Recipient recipient);

  /** The current version, locked until {@code tx} ends. */
  Optional<Recipient> lockCurrent(Transaction tx, String id);

  /** Inserts a following version and makes it current. */
  void insertNextVersion(Transaction tx, Recipient recipient);

  Optional<Recipient> findCurrent(String id);

  Optional<Recipient> findVersion(String id, long version);

  /** Current versions ordered by id, after {@code afterId} (empty: from the start). */
  List<Recipient> list(String afterId, int limit);

  /** Every version, oldest first. */
  List<Recipient> versions(String id);
}
