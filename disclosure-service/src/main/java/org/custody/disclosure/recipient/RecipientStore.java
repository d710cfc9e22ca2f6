package org.custody.disclosure.recipient;

import java.util.List;
import java.util.Optional;

/** Persistence of recipients and their versions. */
public interface RecipientStore {
  /** Inserts version 1. A duplicate id becomes ALREADY_EXISTS. */
  void insertFirstVersion(Recipient recipient);

  /** The current version, locked until the calling thread's transaction ends. */
  Optional<Recipient> lockCurrent(String id);

  /** Inserts a following version and makes it current. */
  void insertNextVersion(Recipient recipient);

  Optional<Recipient> findCurrent(String id);

  Optional<Recipient> findVersion(String id, long version);

  /** Current versions ordered by id, after {@code afterId} (empty: from the start). */
  List<Recipient> list(String afterId, int limit);

  /** Every version, oldest first. */
  List<Recipient> versions(String id);
}
