package org.custody.identity.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.identity.contact.Contacts;
import org.custody.identity.credential.Argon2idHasher;
import org.custody.identity.credential.CredentialStore;
import org.custody.identity.credential.PasswordPolicy;
import org.custody.identity.mail.AccountMail;
import org.custody.identity.project.Projects;
import org.custody.identity.token.AccountTokens;
import org.custody.identity.token.TokenPurpose;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.subject.EmailAddress;

/**
 * Registration (P2, P15): exactly name, company and e-mail plus a password; the address is
 * recorded as a contact (P1) and mailed a verification link, and the account starts unverified.
 *
 * <p>Without enumeration (the default): registering an address that already has an account
 * answers exactly as a new registration would — an account of the same shape, after the same
 * work (the password is checked and hashed either way, one transaction queues one mail) — but
 * stores nothing, and the existing holder is mailed that someone tried to register with their
 * address. The caller cannot tell the two apart; the person reading the mailbox can. With the
 * option off, such a registration is ALREADY_EXISTS (ACCOUNT_ALREADY_EXISTS).
 */
public final class Registrations {
  private final Transactions transactions;
  private final Projects projects;
  private final AccountStore store;
  private final CredentialStore credentials;
  private final Contacts contacts;
  private final Argon2idHasher hasher;
  private final PasswordPolicy policy;
  private final AccountTokens tokens;
  private final AccountMail mail;
  private final RandomIds ids;
  private final Clock clock;
  private final boolean withoutEnumeration;

  public Registrations(Transactions transactions, Projects projects, AccountStore store, CredentialStore credentials, Contacts contacts,
      Argon2idHasher hasher, PasswordPolicy policy, AccountTokens tokens, AccountMail mail, RandomIds ids, Clock clock,
      boolean withoutEnumeration) {
    this.transactions = transactions;
    this.projects = projects;
    this.store = store;
    this.credentials = credentials;
    this.contacts = contacts;
    this.hasher = hasher;
    this.policy = policy;
    this.tokens = tokens;
    this.mail = mail;
    this.ids = ids;
    this.clock = clock;
    this.withoutEnumeration = withoutEnumeration;
  }

  /** Registers an account, or (without enumeration, for a taken address) answers as if it had. */
  public Account create(String projectId, String fullName, String company, String email, String password) {
    projects.get(projectId);
    String name = Accounts.required("full_name", fullName);
    String workplace = Accounts.required("company", company);
    String address = EmailAddress.normalize("email", email);
    policy.check("password", password, List.of(name, workplace, address));
    String phc = hasher.hash(password);
    Instant now = clock.instant();
    Account account = new Account(projectId, ids.next(), name, workplace, address, AccountState.ACTIVE, now, now, Optional.empty());
    try {
      transactions.run(() -> {
        store.insert(account);
        credentials.insert(projectId, account.id(), phc, now);
        contacts.recordAccountAddress(projectId, account.id(), address);
        mail.verification(account, tokens.issue(projectId, account.id(), TokenPurpose.VERIFY_EMAIL));
      });
    } catch (DomainException e) {
      if (!withoutEnumeration || e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      store.findByEmail(projectId, address).ifPresent(holder -> transactions.run(() -> mail.registrationAttempt(holder)));
    }
    mail.nudge();
    return account;
  }

  /**
   * What a retry of a registration answers when the account it named is not there (it was a
   * registration of a taken address, or the account was erased since): the same shape again,
   * built from the retried request alone.
   */
  public Account replay(String projectId, String accountId, String fullName, String company, String email) {
    Instant now = clock.instant();
    return new Account(projectId, accountId, fullName.strip(), company.strip(), EmailAddress.normalize("email", email), AccountState.ACTIVE,
        now, now, Optional.empty());
  }

  public boolean withoutEnumeration() {
    return withoutEnumeration;
  }
}
