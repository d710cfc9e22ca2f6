package org.custody.deploy.demo;

import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.custody.platform.access.Purpose;
import org.custody.proto.identity.v1.ContactSource;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.RecordContactRequest;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.custody.proto.identity.v1.SetPrimaryAccountRequest;
import org.custody.proto.identity.v1.ValidateSessionRequest;

/** P1, P2, P12, P15: contacts, registrations, session-only logins, protected accounts. */
final class IdentityClauses {
  private final DemoContext c;

  IdentityClauses(DemoContext c) {
    this.c = c;
  }

  private IdentityServiceGrpc.IdentityServiceBlockingStub identity(String caller, Purpose purpose) {
    return c.clients.stub("identity", IdentityServiceGrpc::newBlockingStub, caller, purpose);
  }

  private SessionServiceGrpc.SessionServiceBlockingStub sessions() {
    return c.clients.stub("identity", SessionServiceGrpc::newBlockingStub, "frontend", Purpose.AUTHENTICATION);
  }

  void setUp() {
    identity("operator", Purpose.SERVICE_PROVISION).createProject(CreateProjectRequest.newBuilder()
        .setProjectId(c.projectId).setDisplayName("Demo Support Site").setRequestId(UUID.randomUUID().toString()).build());
  }

  void p1Contacts() {
    c.narrator.clause("P1", "People who write in are known only by their e-mail address, with each source");
    var helpdesk = identity("helpdesk", Purpose.SERVICE_PROVISION);
    String typed = "  Mail.Writer+" + c.run + "@Example.COM ";
    c.narrator.asked("helpdesk RecordContact(\"" + typed.strip() + "\", source=EMAIL), then the same person posts a topic (source=TOPIC)");
    helpdesk.recordContact(RecordContactRequest.newBuilder().setParent(c.project).setEmail(typed).setSource(ContactSource.CONTACT_SOURCE_EMAIL).build());
    var contact = helpdesk.recordContact(RecordContactRequest.newBuilder().setParent(c.project).setEmail(typed.toLowerCase())
        .setSource(ContactSource.CONTACT_SOURCE_TOPIC).build()).getContact();
    c.narrator.answered("one contact " + contact.getName() + " with address " + contact.getEmail() + ", sources "
        + contact.getSightingsList().stream().map(s -> s.getSource().name().substring("CONTACT_SOURCE_".length())).toList());
    c.narrator.why("one normalised e-mail per person per project site; each source is kept with when it was first and last seen");
    c.narrator.expect(contact.getSightingsCount() == 2 && contact.getEmail().equals(typed.strip().toLowerCase()),
        "one contact with two sources and a normalised address");
  }

  void p2Registration() {
    c.narrator.clause("P2", "Registration asks for name, company or affiliation, and e-mail — nothing more");
    c.narrator.asked("frontend CreateAccount(full_name, company, email, password)");
    var account = identity("frontend", Purpose.SERVICE_PROVISION).createAccount(CreateAccountRequest.newBuilder()
        .setParent(c.project).setFullName("Jane Doe").setCompany("Example Ltd").setEmail(c.email).setPassword(c.password)
        .setRequestId(UUID.randomUUID().toString()).build()).getAccount();
    c.account = account.getName();
    identity("operator", Purpose.SERVICE_PROVISION).setPrimaryAccount(SetPrimaryAccountRequest.newBuilder()
        .setProject(c.project).setAccount(c.account).build());
    c.narrator.answered("account " + account.getName() + " holding full_name, company, email (" + account.getEmail()
        + ") and state " + account.getState() + "; the password is stored only as an Argon2id hash and never returned");
    c.narrator.why("the Account contract has exactly these personal fields, each classified with a data category; "
        + "it is also made the site's primary account holder (who receives policy notices, P14)");
    c.narrator.expect(account.getEmail().equals(c.email), "the account's e-mail is the registered one");
  }

  void p12Sessions() {
    c.narrator.clause("P12", "Session cookies only: no permanent cookies, and users must log in again after a while");
    c.narrator.asked("frontend Login(project, e-mail, password)");
    var login = sessions().login(LoginRequest.newBuilder().setProject(c.project).setEmail(c.email).setPassword(c.password).build());
    c.sessionToken = login.getSessionToken();
    String header = login.getCookie().getSetCookieHeader().replace(c.sessionToken, "<token>");
    c.narrator.answered("Set-Cookie: " + header + "; session expires at the latest at " + login.getSession().getExpireTime().getSeconds()
        + " (epoch s), and idles out sooner");
    var principal = sessions().validateSession(ValidateSessionRequest.newBuilder().setSessionToken(c.sessionToken).build()).getPrincipal();
    c.narrator.answered("ValidateSession(token) -> principal " + principal.getAccount());
    c.narrator.why("the cookie descriptor has no Expires or Max-Age by construction; the server enforces an idle timeout "
        + "and an absolute lifetime, stores only the token's SHA-256, and offers no \"remember me\"");
    String lower = header.toLowerCase();
    c.narrator.expect(!lower.contains("expires") && !lower.contains("max-age") && lower.contains("httponly") && lower.contains("secure"),
        "a session-only, HttpOnly, Secure cookie");
  }

  void p15Protection() {
    c.narrator.clause("P15", "Accounts are protected: same answer for unknown users, throttling, then a lock");
    String victim = "victim+" + c.run + "@example.com";
    identity("frontend", Purpose.SERVICE_PROVISION).createAccount(CreateAccountRequest.newBuilder().setParent(c.project)
        .setFullName("Victor Im").setCompany("Example Ltd").setEmail(victim).setPassword("another long passphrase " + c.run).build());
    String wrong = refusal(victim, "not the password");
    String unknown = refusal("nobody+" + c.run + "@example.com", "not the password");
    c.narrator.asked("Login with a wrong password, and Login with an unknown e-mail");
    c.narrator.answered("wrong password: " + wrong + "; unknown e-mail: " + unknown);
    String last = "";
    for (int i = 0; i < 4; i++) {
      last = refusal(victim, "still wrong " + i);
    }
    c.narrator.asked("more wrong passwords for the same account");
    c.narrator.answered(last);
    c.narrator.why("an unknown e-mail is checked against a dummy Argon2id hash so both answers cost the same and say the same; "
        + "repeated failures for a (project, e-mail, client key) are delayed more and more, then locked, whether or not the account exists");
    c.narrator.expect(wrong.equals(unknown), "identical answers for a wrong password and an unknown e-mail");
    c.narrator.expect(last.startsWith("RESOURCE_EXHAUSTED") && last.contains("retryAfter="), "throttled with a RetryInfo");
    new RecoveryClause(c).run(victim, "another long passphrase " + c.run);
  }

  private String refusal(String email, String password) {
    try {
      sessions().login(LoginRequest.newBuilder().setProject(c.project).setEmail(email).setPassword(password).build());
      return "OK (unexpected)";
    } catch (StatusRuntimeException e) {
      return Narrator.describe(e);
    }
  }
}
