package org.custody.identity.store;

import static org.custody.identity.store.generated.Tables.CONTACTS;
import static org.custody.identity.store.generated.Tables.CONTACT_SIGHTINGS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.custody.identity.contact.Contact;
import org.custody.identity.contact.ContactSighting;
import org.custody.identity.contact.ContactSource;
import org.custody.identity.contact.ContactStore;
import org.custody.identity.store.generated.tables.records.ContactsRecord;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.domain.Slice;
import org.jooq.Condition;
import org.jooq.impl.DSL;

final class JooqContactStore implements ContactStore {
  private final ThreadBoundTransactions db;

  JooqContactStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public Contact record(String projectId, String newId, String email, ContactSource source, Instant seen, Optional<String> accountId) {
    return db.inTransaction(() -> {
      var dsl = db.dsl();
      var upsert = dsl.insertInto(CONTACTS)
          .set(CONTACTS.PROJECT_ID, projectId)
          .set(CONTACTS.ID, newId)
          .set(CONTACTS.EMAIL, email)
          .set(CONTACTS.ACCOUNT_ID, accountId.orElse(null))
          .set(CONTACTS.FIRST_SEEN_TIME, seen)
          .set(CONTACTS.LAST_SEEN_TIME, seen)
          .onDuplicateKeyUpdate()
          .set(CONTACTS.FIRST_SEEN_TIME, DSL.least(CONTACTS.FIRST_SEEN_TIME, DSL.val(seen, CONTACTS.FIRST_SEEN_TIME)))
          .set(CONTACTS.LAST_SEEN_TIME, DSL.greatest(CONTACTS.LAST_SEEN_TIME, DSL.val(seen, CONTACTS.LAST_SEEN_TIME)));
      if (accountId.isPresent()) {
        upsert.set(CONTACTS.ACCOUNT_ID, accountId.get()).execute();
      } else {
        upsert.execute();
      }
      ContactsRecord contact = dsl.selectFrom(CONTACTS)
          .where(CONTACTS.PROJECT_ID.eq(projectId), CONTACTS.EMAIL.eq(email)).fetchSingle();
      dsl.insertInto(CONTACT_SIGHTINGS)
          .set(CONTACT_SIGHTINGS.CONTACT_SEQ, contact.getSeq())
          .set(CONTACT_SIGHTINGS.SOURCE, source.name())
          .set(CONTACT_SIGHTINGS.FIRST_SEEN_TIME, seen)
          .set(CONTACT_SIGHTINGS.LAST_SEEN_TIME, seen)
          .onDuplicateKeyUpdate()
          .set(CONTACT_SIGHTINGS.FIRST_SEEN_TIME, DSL.least(CONTACT_SIGHTINGS.FIRST_SEEN_TIME, DSL.val(seen, CONTACT_SIGHTINGS.FIRST_SEEN_TIME)))
          .set(CONTACT_SIGHTINGS.LAST_SEEN_TIME, DSL.greatest(CONTACT_SIGHTINGS.LAST_SEEN_TIME, DSL.val(seen, CONTACT_SIGHTINGS.LAST_SEEN_TIME)))
          .execute();
      return withSightings(List.of(contact)).get(0);
    });
  }

  @Override
  public Slice<Contact> list(String projectId, String cursor, int size) {
    Condition after = DSL.trueCondition();
    if (cursor != null && !cursor.isEmpty()) {
      String[] parts = cursor.split("/", 2);
      if (parts.length != 2) {
        throw Cursors.invalid();
      }
      Instant firstSeen;
      try {
        firstSeen = Instant.parse(parts[0]);
      } catch (RuntimeException e) {
        throw Cursors.invalid();
      }
      long seq = Cursors.seq(parts[1], 0);
      after = DSL.row(CONTACTS.FIRST_SEEN_TIME, CONTACTS.SEQ).gt(DSL.row(DSL.val(firstSeen, CONTACTS.FIRST_SEEN_TIME), DSL.val(seq)));
    }
    List<ContactsRecord> rows = db.dsl().selectFrom(CONTACTS)
        .where(CONTACTS.PROJECT_ID.eq(projectId), after)
        .orderBy(CONTACTS.FIRST_SEEN_TIME, CONTACTS.SEQ).limit(size + 1).fetch();
    List<Contact> contacts = withSightings(rows.subList(0, Math.min(size, rows.size())));
    if (rows.size() <= size) {
      return new Slice<>(contacts, Optional.empty());
    }
    ContactsRecord last = rows.get(size - 1);
    return new Slice<>(contacts, Optional.of(last.getFirstSeenTime() + "/" + last.getSeq()));
  }

  @Override
  public List<Contact> findForSubject(String projectId, Optional<String> accountId, List<String> emails) {
    Condition match = DSL.falseCondition();
    if (accountId.isPresent()) {
      match = match.or(CONTACTS.ACCOUNT_ID.eq(accountId.get()));
    }
    if (!emails.isEmpty()) {
      match = match.or(CONTACTS.EMAIL.in(emails));
    }
    return withSightings(db.dsl().selectFrom(CONTACTS)
        .where(CONTACTS.PROJECT_ID.eq(projectId), match).orderBy(CONTACTS.SEQ).fetch());
  }

  @Override
  public int delete(String projectId, List<String> contactIds) {
    return db.inTransaction(() -> {
      var dsl = db.dsl();
      List<Long> seqs = dsl.select(CONTACTS.SEQ).from(CONTACTS)
          .where(CONTACTS.PROJECT_ID.eq(projectId), CONTACTS.ID.in(contactIds)).fetch(CONTACTS.SEQ);
      if (seqs.isEmpty()) {
        return 0;
      }
      dsl.deleteFrom(CONTACT_SIGHTINGS).where(CONTACT_SIGHTINGS.CONTACT_SEQ.in(seqs)).execute();
      return dsl.deleteFrom(CONTACTS).where(CONTACTS.SEQ.in(seqs)).execute();
    });
  }

  private List<Contact> withSightings(List<ContactsRecord> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<ContactSighting>> sightings = db.dsl().selectFrom(CONTACT_SIGHTINGS)
        .where(CONTACT_SIGHTINGS.CONTACT_SEQ.in(rows.stream().map(ContactsRecord::getSeq).toList()))
        .orderBy(CONTACT_SIGHTINGS.FIRST_SEEN_TIME, CONTACT_SIGHTINGS.SOURCE)
        .fetch().stream()
        .collect(Collectors.groupingBy(s -> s.getContactSeq(), Collectors.mapping(
            s -> new ContactSighting(ContactSource.valueOf(s.getSource()), s.getFirstSeenTime(), s.getLastSeenTime()),
            Collectors.toList())));
    List<Contact> contacts = new ArrayList<>();
    for (ContactsRecord r : rows) {
      contacts.add(new Contact(r.getProjectId(), r.getId(), r.getEmail(), Optional.ofNullable(r.getAccountId()),
          sightings.getOrDefault(r.getSeq(), List.of()), r.getFirstSeenTime(), r.getLastSeenTime()));
    }
    return contacts;
  }
}
