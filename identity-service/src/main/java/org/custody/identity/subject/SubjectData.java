package org.custody.identity.subject;

import static org.custody.platform.classification.DataCategory.USER_AUTHORIZATION_CREDENTIALS;
import static org.custody.platform.classification.DataCategory.USER_CONTACT_EMAIL;
import static org.custody.platform.classification.DataCategory.USER_DEVICE_COOKIE_ID;
import static org.custody.platform.classification.DataCategory.USER_NAME;
import static org.custody.platform.classification.DataCategory.USER_UNIQUE_ID;
import static org.custody.platform.classification.DataCategory.USER_WORKPLACE;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.custody.identity.account.Account;
import org.custody.identity.account.AccountStore;
import org.custody.identity.account.EmailAddress;
import org.custody.identity.contact.Contact;
import org.custody.identity.contact.ContactSighting;
import org.custody.identity.contact.ContactStore;
import org.custody.identity.credential.CredentialStore;
import org.custody.identity.login.LoginThrottle;
import org.custody.identity.project.ProjectStore;
import org.custody.identity.session.Session;
import org.custody.identity.session.Sessions;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.ErasureReceipt;
import org.custody.platform.subject.SubjectField;
import org.custody.platform.subject.SubjectRecord;
import org.custody.platform.subject.SubjectRef;
import org.custody.platform.subject.SubjectRights;

/**
 * The subject-rights side of identity (P13): export everything identity holds about a person as
 * labelled records, and erase it (account, credential, sessions, contacts, failed-login state).
 *
 * <p>Exports never contain the password hash or session token hashes: the credential record says
 * that a password is set and when, which is what the subject can use and what a recipient may
 * ever need.
 */
public final class SubjectData implements SubjectRights {
  private final Transactions transactions;
  private final ProjectStore projects;
  private final AccountStore accounts;
  private final CredentialStore credentials;
  private final ContactStore contacts;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final RandomIds ids;
  private final Clock clock;

  public SubjectData(Transactions transactions, ProjectStore projects, AccountStore accounts, CredentialStore credentials,
      ContactStore contacts, Sessions sessions, LoginThrottle throttle, RandomIds ids, Clock clock) {
    this.transactions = transactions;
    this.projects = projects;
    this.accounts = accounts;
    this.credentials = credentials;
    this.contacts = contacts;
    this.sessions = sessions;
    this.throttle = throttle;
    this.ids = ids;
    this.clock = clock;
  }

  /** Whom a reference stands for: the account (if any) and every address to look for. */
  private record Resolved(Optional<Account> account, List<String> emails) {}

  private Resolved resolve(SubjectRef subject) {
    Optional<String> email = subject.email().map(e -> EmailAddress.normalize("subject.email", e));
    Optional<Account> account = subject.accountId().isPresent()
        ? accounts.find(subject.projectId(), subject.accountId().get())
        : email.flatMap(e -> accounts.findByEmail(subject.projectId(), e));
    List<String> emails = new ArrayList<>();
    email.ifPresent(emails::add);
    account.map(Account::email).filter(e -> !emails.contains(e)).ifPresent(emails::add);
    return new Resolved(account, emails);
  }

  /**
   * Everything about the subject, limited to the categories asked for. Record names
   * (identifiers) are included only when identifiers are asked for.
   */
  @Override
  public List<SubjectRecord> export(SubjectRef subject, CategoryFilter categories, Optional<String> disclosure) {
    Resolved who = resolve(subject);
    List<SubjectRecord> records = new ArrayList<>();
    who.account().ifPresent(account -> {
      String name = "projects/" + account.projectId() + "/accounts/" + account.id();
      List<SubjectField> fields = new ArrayList<>(List.of(
          new SubjectField("full_name", USER_NAME, account.fullName()),
          new SubjectField("company", USER_WORKPLACE, account.company()),
          new SubjectField("email", USER_CONTACT_EMAIL, account.email()),
          new SubjectField("state", USER_UNIQUE_ID, account.state().name().toLowerCase(Locale.ROOT)),
          new SubjectField("create_time", USER_UNIQUE_ID, account.createTime().toString()),
          new SubjectField("update_time", USER_UNIQUE_ID, account.updateTime().toString())));
      projects.find(account.projectId())
          .filter(p -> p.primaryAccountId().filter(account.id()::equals).isPresent())
          .ifPresent(p -> fields.add(new SubjectField("primary_account_holder_of", USER_UNIQUE_ID, "projects/" + p.id())));
      records.add(new SubjectRecord("account", Optional.of(name), fields));
      credentials.updateTime(account.projectId(), account.id()).ifPresent(time -> records.add(new SubjectRecord("credential",
          Optional.of(name + "/credentials/password"), List.of(
              new SubjectField("kind", USER_AUTHORIZATION_CREDENTIALS, "password (Argon2id hash; the hash itself is never exported)"),
              new SubjectField("update_time", USER_AUTHORIZATION_CREDENTIALS, time.toString())))));
      for (Session session : sessions.listAll(account.projectId(), account.id())) {
        List<SubjectField> sessionFields = new ArrayList<>(List.of(
            new SubjectField("create_time", USER_DEVICE_COOKIE_ID, session.createTime().toString()),
            new SubjectField("last_active_time", USER_DEVICE_COOKIE_ID, session.lastActiveTime().toString()),
            new SubjectField("expire_time", USER_DEVICE_COOKIE_ID, session.absoluteExpireTime().toString())));
        session.endTime().ifPresent(t -> sessionFields.add(new SubjectField("end_time", USER_DEVICE_COOKIE_ID, t.toString())));
        session.endReason().ifPresent(r -> sessionFields.add(
            new SubjectField("end_reason", USER_DEVICE_COOKIE_ID, r.name().toLowerCase(Locale.ROOT))));
        records.add(new SubjectRecord("session", Optional.of(name + "/sessions/" + session.id()), sessionFields));
      }
    });
    for (Contact contact : contacts.findForSubject(subject.projectId(), who.account().map(Account::id), who.emails())) {
      List<SubjectField> fields = new ArrayList<>(List.of(
          new SubjectField("email", USER_CONTACT_EMAIL, contact.email()),
          new SubjectField("first_seen_time", USER_CONTACT_EMAIL, contact.firstSeenTime().toString()),
          new SubjectField("last_seen_time", USER_CONTACT_EMAIL, contact.lastSeenTime().toString())));
      for (ContactSighting sighting : contact.sightings()) {
        String source = sighting.source().name().toLowerCase(Locale.ROOT);
        fields.add(new SubjectField("source." + source + ".first_seen_time", USER_CONTACT_EMAIL, sighting.firstSeenTime().toString()));
        fields.add(new SubjectField("source." + source + ".last_seen_time", USER_CONTACT_EMAIL, sighting.lastSeenTime().toString()));
      }
      records.add(new SubjectRecord("contact", Optional.of("projects/" + contact.projectId() + "/contacts/" + contact.id()), fields));
    }
    return filter(records, categories);
  }

  /** Keeps only fields of the asked categories, drops records left empty, hides names unless identifiers were asked for. */
  static List<SubjectRecord> filter(List<SubjectRecord> records, CategoryFilter categories) {
    if (categories.isAll()) {
      return records;
    }
    boolean names = categories.includesNames();
    List<SubjectRecord> kept = new ArrayList<>();
    for (SubjectRecord record : records) {
      List<SubjectField> fields = record.fields().stream().filter(f -> categories.includes(f.category())).toList();
      if (!fields.isEmpty()) {
        kept.add(new SubjectRecord(record.kind(), names ? record.name() : Optional.empty(), fields));
      }
    }
    return kept;
  }

  /**
   * Erases the subject: sessions first (so none outlives the request, and this instance stops
   * accepting them at once), then account, credential, contacts and failed-login state in one
   * transaction. Erasing what is already gone is fine: the receipt then counts zeros.
   */
  @Override
  public ErasureReceipt erase(SubjectRef subject, Optional<String> erasure) {
    Resolved who = resolve(subject);
    List<ErasureReceipt.Erased> erased = new ArrayList<>();
    long sessionCount = who.account().map(a -> (long) sessions.erase(a.projectId(), a.id())).orElse(0L);
    transactions.inTransaction(() -> {
      long accountCount = 0;
      long credentialCount = 0;
      if (who.account().isPresent()) {
        Account account = who.account().get();
        projects.find(account.projectId())
            .filter(p -> p.primaryAccountId().filter(account.id()::equals).isPresent())
            .ifPresent(p -> projects.setPrimaryAccount(p.id(), Optional.empty()));
        credentialCount = credentials.delete(account.projectId(), account.id());
        accountCount = accounts.delete(account.projectId(), account.id());
      }
      List<String> contactIds = contacts.findForSubject(subject.projectId(), who.account().map(Account::id), who.emails())
          .stream().map(Contact::id).toList();
      long contactCount = contactIds.isEmpty() ? 0 : contacts.delete(subject.projectId(), contactIds);
      for (String email : who.emails()) {
        throttle.reset(throttle.keyFor(subject.projectId(), email));
      }
      erased.add(new ErasureReceipt.Erased("account", accountCount));
      erased.add(new ErasureReceipt.Erased("credential", credentialCount));
      erased.add(new ErasureReceipt.Erased("session", sessionCount));
      erased.add(new ErasureReceipt.Erased("contact", contactCount));
      return null;
    });
    return ErasureReceipt.of(ids.next(), erasure, clock.instant(), erased);
  }
}
