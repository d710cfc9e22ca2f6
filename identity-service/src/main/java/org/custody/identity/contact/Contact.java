package org.custody.identity.contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A person known by e-mail (P1): one normalised address per project site, with each source
 * they came through.
 *
 * @param accountId the account this address was collected through, if any
 */
public record Contact(String projectId, String id, String email, Optional<String> accountId,
    List<ContactSighting> sightings, Instant firstSeenTime, Instant lastSeenTime) {

  public Contact {
    sightings = List.copyOf(sightings);
  }

  @Override
  public String toString() {
    return "Contact[" + projectId + "/" + id + "]";
  }
}
