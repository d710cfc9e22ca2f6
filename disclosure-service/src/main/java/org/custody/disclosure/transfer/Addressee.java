package org.custody.disclosure.transfer;

import java.util.Optional;
import org.custody.platform.subject.Subject;

/**
 * A subject to notify and where: the primary contact address identity holds (fetched for the
 * CONTACT purpose), or, for people known only by e-mail, that address.
 *
 * @param email empty when identity knows no address (the notice is then undeliverable)
 * @param name for the salutation, when known
 */
public record Addressee(Subject subject, Optional<String> email, Optional<String> name) {
  @Override
  public String toString() {
    return "Addressee[" + subject + "]";
  }
}
