package org.custody.identity.contact;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.custody.identity.project.Projects;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.subject.EmailAddress;

/** Contacts (P1): people known only by e-mail, recorded idempotently per source. */
public final class Contacts {
  private final ContactStore store;
  private final Projects projects;
  private final RandomIds ids;
  private final Clock clock;

  public Contacts(ContactStore store, Projects projects, RandomIds ids, Clock clock) {
    this.store = store;
    this.projects = projects;
    this.ids = ids;
    this.clock = clock;
  }

  /** Records that the person with {@code email} reached the company through {@code source}. */
  public Contact record(String projectId, String email, ContactSource source, Optional<Instant> seenTime) {
    projects.get(projectId);
    String normalized = EmailAddress.normalize("email", email);
    Instant now = clock.instant();
    Instant seen = seenTime.orElse(now);
    if (seen.isAfter(now)) {
      throw DomainException.invalidField("seen_time", "must not be in the future");
    }
    return store.record(projectId, ids.next(), normalized, source, seen, Optional.empty());
  }

  /** Records the address of an account (at registration or an e-mail change). */
  public Contact recordAccountAddress(String projectId, String accountId, String normalizedEmail) {
    return store.record(projectId, ids.next(), normalizedEmail, ContactSource.ACCOUNT, clock.instant(), Optional.of(accountId));
  }

  public Slice<Contact> list(String projectId, String cursor, int size) {
    projects.get(projectId);
    return store.list(projectId, cursor, size);
  }
}
