package org.custody.identity.contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.platform.domain.Slice;

/** Persistence of contacts and their sightings. */
public interface ContactStore {
  /**
   * Records a sighting idempotently: creates the contact (with {@code newId}) if the address is
   * new to the project, widens the source's first/last seen times otherwise, and links the
   * account when one is given. Returns the contact with all its sightings.
   */
  Contact record(String projectId, String newId, String email, ContactSource source, Instant seen, Optional<String> accountId);

  /** Contacts of a project ordered by first sighting, resuming after {@code cursor}. */
  Slice<Contact> list(String projectId, String cursor, int size);

  /** Contacts linked to {@code accountId} or having one of {@code emails}. */
  List<Contact> findForSubject(String projectId, Optional<String> accountId, List<String> emails);

  /** Deletes the contacts and their sightings; returns how many contacts. */
  int delete(String projectId, List<String> contactIds);
}
