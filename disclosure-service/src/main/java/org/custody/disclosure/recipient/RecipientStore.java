package org.custody.disclosure.recipient;

import java.util.Optional;

/** Persistence of recipients and their versions. Duplicate ids become ALREADY_EXISTS. */
public interface RecipientStore {
  void insertFirstVersion(Recipient recipient);

  Optional<Recipient> findCurrent(String id);
}
