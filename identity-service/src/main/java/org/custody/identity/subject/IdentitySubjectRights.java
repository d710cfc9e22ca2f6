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
import org.custody.identity.contact.Contact;
import org.custody.identity.contact.ContactSighting;
import org.custody.identity.contact.ContactStore;
import org.custody.identity.credential.CredentialStore;
import org.custody.identity.factor.Passkeys;
import org.custody.identity.factor.SecondFactors;
import org.custody.identity.factor.WebAuthnCredential;
import org.custody.identity.login.LoginThrottle;
import org.custody.identity.project.ProjectStore;
import org.custody.identity.session.Session;
import org.custody.identity.session.Sessions;
import org.custody.identity.token.AccountToken;
import org.custody.identity.token.AccountTokens;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxTransaction;
import org.custody.platform.mail.SentMail;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.EmailAddress;
import org.custody.platform.subject.ErasureReceipt;
import org.custody.platform.subject.Subject;
import org.custody.platform.subject.SubjectField;
import org.custody.platform.subject.SubjectRecord;
import org.custody.platform.subject.SubjectRights;

/**
 * The subject-rights side of identity (P13): export everything identity holds about a person as
 * labelled records, and erase it (account, credential, second factors, recovery codes, mailed
 * tokens, login challenges, sessions, contacts, failed-login state, and the mail sent to them).
 *
 * <p>Exports never contain a secret: not the password hash, session or token hashes, the TOTP
 * secret or the recovery codes. The credential and second-factor records say what is set and
 * when (and how many recovery codes remain), which is what the subject can use and what a
 * recipient may ever need.
 */
public final class IdentitySubjectRights implements SubjectRights {
  private final Transactions transactions;
  private final ProjectStore projects;
  private final AccountStore accounts;
  private final CredentialStore credentials;
  private final ContactStore contacts;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final SecondFactors factors;
  private final AccountTokens tokens;
  private final Outbox outbox;
  private final OutboxTransaction outboxTransaction;
  private final RandomIds ids;
  private final Clock clock;
  /** The most mails one export lists. */
  private static final int MAIL_LIMIT = 1000;

  public IdentitySubjectRights(Transactions transactions, ProjectStore projects, AccountStore accounts, CredentialStore credentials,
      ContactStore contacts, Sessions sessions, LoginThrottle throttle, SecondFactors factors, AccountTokens tokens, Outbox outbox,
      OutboxTransaction outboxTransaction, RandomIds ids, Clock clock) {
    this.transactions = transactions;
    this.projects = projects;
    this.accounts = accounts;
    this.credentials = credentials;
    this.contacts = contacts;
    this.sessions = sessions;
    this.throttle = throttle;
    this.factors = factors;
    this.tokens = tokens;
    this.outbox = outbox;
    this.outboxTransaction = outboxTransaction;
    this.ids = ids;
    this.clock = clock;
  }

  /** Whom a reference stands for: the account (if any) and every address to look for. */
  private record Resolved(Optional<Account> account, List<String> emails) {}

  private Resolved resolve(Subject subject) {
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
  public List<SubjectRecord> export(Subject subject, CategoryFilter categories, Optional<String> disclosure) {
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
          new SubjectField("update_time", USER_UNIQUE_ID, account.updateTime().toString()),
          new SubjectField("email_verified", USER_CONTACT_EMAIL, String.valueOf(account.emailVerified()))));
      account.emailVerifyTime().ifPresent(t -> fields.add(new SubjectField("email_verify_time", USER_CONTACT_EMAIL, t.toString())));
      projects.find(account.projectId())
          .filter(p -> p.primaryAccountId().filter(account.id()::equals).isPresent())
          .ifPresent(p -> fields.add(new SubjectField("primary_account_holder_of", USER_UNIQUE_ID, "projects/" + p.id())));
      records.add(new SubjectRecord("account", Optional.of(name), fields));
      credentials.updateTime(account.projectId(), account.id()).ifPresent(time -> records.add(new SubjectRecord("credential",
          Optional.of(name + "/credentials/password"), List.of(
              new SubjectField("kind", USER_AUTHORIZATION_CREDENTIALS, "password (Argon2id hash; the hash itself is never exported)"),
              new SubjectField("update_time", USER_AUTHORIZATION_CREDENTIALS, time.toString())))));
      records.addAll(secondFactorRecords(account, name));
      records.addAll(mailRecords(account));
      for (Session session : sessions.listAll(account.projectId(), account.id())) {
        List<SubjectField> sessionFields = new ArrayList<>(List.of(
            new SubjectField("create_time", USER_DEVICE_COOKIE_ID, session.createTime().toString()),
            new SubjectField("last_active_time", USER_DEVICE_COOKIE_ID, session.lastActiveTime().toString()),
            new SubjectField("expire_time", USER_DEVICE_COOKIE_ID, session.absoluteExpireTime().toString()),
            new SubjectField("aal", USER_DEVICE_COOKIE_ID, "aal" + session.aal())));
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

  /** The second factor, recovery codes and pending mailed tokens: what is set and when, never a secret. */
  private List<SubjectRecord> secondFactorRecords(Account account, String name) {
    List<SubjectRecord> records = new ArrayList<>();
    SecondFactors.Status status = factors.status(account.projectId(), account.id());
    status.totpEnableTime().ifPresent(time -> records.add(new SubjectRecord("second_factor", Optional.of(name + "/secondFactors/totp"), List.of(
        new SubjectField("kind", USER_AUTHORIZATION_CREDENTIALS, "totp (the secret is sealed at rest and never exported)"),
        new SubjectField("enable_time", USER_AUTHORIZATION_CREDENTIALS, time.toString()),
        new SubjectField("recovery_codes_remaining", USER_AUTHORIZATION_CREDENTIALS, String.valueOf(status.recoveryCodesRemaining()))))));
    for (WebAuthnCredential passkey : status.passkeys()) {
      List<SubjectField> fields = new ArrayList<>(List.of(
          new SubjectField("kind", USER_AUTHORIZATION_CREDENTIALS, "webauthn (only the authenticator's public key is kept)"),
          new SubjectField("display_name", USER_AUTHORIZATION_CREDENTIALS, passkey.displayName()),
          new SubjectField("create_time", USER_AUTHORIZATION_CREDENTIALS, passkey.createTime().toString())));
      passkey.lastUseTime().ifPresent(t -> fields.add(new SubjectField("last_use_time", USER_AUTHORIZATION_CREDENTIALS, t.toString())));
      records.add(new SubjectRecord("second_factor", Optional.of(name + "/secondFactors/webauthn/" + Passkeys.id(passkey.credentialId())),
          fields));
    }
    for (AccountToken token : tokens.listFor(account.projectId(), account.id())) {
      records.add(new SubjectRecord("mailed_token", Optional.empty(), List.of(
          new SubjectField("purpose", USER_AUTHORIZATION_CREDENTIALS, token.purpose().name().toLowerCase(Locale.ROOT)),
          new SubjectField("create_time", USER_AUTHORIZATION_CREDENTIALS, token.createTime().toString()),
          new SubjectField("expire_time", USER_AUTHORIZATION_CREDENTIALS, token.expireTime().toString()))));
    }
    return records;
  }

  /** The mail identity sent (or is sending) them: what about, when, to which address while it is kept. */
  private List<SubjectRecord> mailRecords(Account account) {
    List<SubjectRecord> records = new ArrayList<>();
    for (SentMail mail : outbox.sentTo(account.name(), MAIL_LIMIT)) {
      List<SubjectField> fields = new ArrayList<>(List.of(
          new SubjectField("topic", USER_CONTACT_EMAIL, mail.topic()),
          new SubjectField("state", USER_CONTACT_EMAIL, mail.state().name().toLowerCase(Locale.ROOT)),
          new SubjectField("create_time", USER_CONTACT_EMAIL, mail.createTime().toString())));
      if (!mail.to().isEmpty()) {
        fields.add(new SubjectField("to", USER_CONTACT_EMAIL, mail.to()));
      }
      mail.deliverTime().ifPresent(t -> fields.add(new SubjectField("deliver_time", USER_CONTACT_EMAIL, t.toString())));
      records.add(new SubjectRecord("mail", Optional.of("mail/" + mail.id()), fields));
    }
    return records;
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
  public ErasureReceipt erase(Subject subject, Optional<String> erasure) {
    Resolved who = resolve(subject);
    List<ErasureReceipt.Erased> erased = new ArrayList<>();
    long sessionCount = who.account().map(a -> (long) sessions.erase(a.projectId(), a.id())).orElse(0L);
    transactions.inTransaction(() -> {
      long accountCount = 0;
      long credentialCount = 0;
      long[] factorCounts = {0, 0, 0, 0};
      long tokenCount = 0;
      long mailCount = 0;
      if (who.account().isPresent()) {
        Account account = who.account().get();
        projects.find(account.projectId())
            .filter(p -> p.primaryAccountId().filter(account.id()::equals).isPresent())
            .ifPresent(p -> projects.setPrimaryAccount(p.id(), Optional.empty()));
        credentialCount = credentials.delete(account.projectId(), account.id());
        factorCounts = factors.erase(account.projectId(), account.id());
        tokenCount = tokens.erase(account.projectId(), account.id());
        mailCount = outbox.sentTo(account.name(), Integer.MAX_VALUE).size();
        outbox.forgetSubject(outboxTransaction, account.name());
        accountCount = accounts.delete(account.projectId(), account.id());
      }
      List<String> contactIds = contacts.findForSubject(subject.projectId(), who.account().map(Account::id), who.emails())
          .stream().map(Contact::id).toList();
      long contactCount = contactIds.isEmpty() ? 0 : contacts.delete(subject.projectId(), contactIds);
      for (String email : who.emails()) {
        throttle.resetAccount(throttle.accountKey(subject.projectId(), email));
      }
      erased.add(new ErasureReceipt.Erased("account", accountCount));
      erased.add(new ErasureReceipt.Erased("credential", credentialCount));
      erased.add(new ErasureReceipt.Erased("second_factor", factorCounts[0] + factorCounts[3]));
      erased.add(new ErasureReceipt.Erased("recovery_code", factorCounts[1]));
      erased.add(new ErasureReceipt.Erased("login_challenge", factorCounts[2]));
      erased.add(new ErasureReceipt.Erased("mailed_token", tokenCount));
      erased.add(new ErasureReceipt.Erased("mail", mailCount));
      erased.add(new ErasureReceipt.Erased("session", sessionCount));
      erased.add(new ErasureReceipt.Erased("contact", contactCount));
      return null;
    });
    return ErasureReceipt.of(ids.next(), erasure, clock.instant(), erased);
  }
}
