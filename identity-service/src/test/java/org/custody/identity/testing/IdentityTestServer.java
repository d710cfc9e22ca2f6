package org.custody.identity.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.custody.identity.app.IdentityApplication;
import org.custody.identity.app.IdentityConfig;
import org.custody.platform.access.Purpose;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.EnvReader;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.mail.MailSettings;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestStaffAccess;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.identity.v1.Account;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.LoginResponse;
import org.custody.proto.identity.v1.SessionServiceGrpc;

/**
 * The identity service on a real port against a fresh MariaDB database, sending its mail over
 * real SMTP to a GreenMail server of its own, with the stubs its tests use.
 */
public final class IdentityTestServer implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery staple";
  private static final Pattern TOKEN = Pattern.compile("#token=([A-Za-z0-9_-]{43})");

  public final ServiceHarness harness;
  public final GreenMail mail;

  private IdentityTestServer(ServiceHarness harness, GreenMail mail) {
    this.harness = harness;
    this.mail = mail;
  }

  /** A local SMTP server for one harness (a free port on 127.0.0.1). */
  public static GreenMail mailServer() {
    GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    server.start();
    return server;
  }

  /** Mail settings that deliver to {@code server} within a fraction of a second. */
  public static MailSettings mailSettings(int smtpPort) {
    return MailSettings.from(new EnvReader(Map.of("CUSTODY_SMTP_HOST", "127.0.0.1", "CUSTODY_SMTP_PORT", String.valueOf(smtpPort),
        "CUSTODY_MAIL_POLL_INTERVAL", "200ms", "CUSTODY_MAIL_RETRY_DELAY", "200ms")), IdentityConfig.DEFAULT_MAIL_FROM);
  }

  public static IdentityConfig config(DatabaseSettings database, int smtpPort) {
    return config(database, smtpPort, TestStaffAccess.shared().target());
  }

  /** Recording staff reads with the disclosure service at {@code disclosureTarget}. */
  public static IdentityConfig config(DatabaseSettings database, int smtpPort, String disclosureTarget) {
    return IdentityConfig.withDefaults(new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), Optional.of(database), Path.of("target"))
        .withDisclosure(disclosureTarget), mailSettings(smtpPort));
  }

  public static IdentityTestServer start(DatabaseSettings database, Clock clock) {
    GreenMail server = mailServer();
    return start(config(database, server.getSmtp().getPort()), database, clock, server);
  }

  /** Starts with {@code config}, whose mail settings must point at {@code server}. */
  public static IdentityTestServer start(IdentityConfig config, DatabaseSettings database, Clock clock, GreenMail server) {
    try {
      return new IdentityTestServer(ServiceHarness.of(IdentityApplication.start(config, database, clock)), server);
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
  }

  /** Starts with a config derived from the default one for this harness's own mail server. */
  public static IdentityTestServer start(DatabaseSettings database, Clock clock, java.util.function.UnaryOperator<IdentityConfig> change) {
    GreenMail server = mailServer();
    return start(change.apply(config(database, server.getSmtp().getPort())), database, clock, server);
  }

  /** Waits for the {@code count}-th message to {@code to} and returns it. */
  public MimeMessage awaitMail(String to, int count) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() >= count);
    return mailsTo(to).get(count - 1);
  }

  public List<MimeMessage> mailsTo(String to) {
    return java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equalsIgnoreCase(to);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** The token a mail carries in its link. */
  public static String token(MimeMessage message) {
    try {
      Matcher m = TOKEN.matcher((String) message.getContent());
      if (!m.find()) {
        throw new AssertionError("no token in the mail");
      }
      return m.group(1);
    } catch (java.io.IOException | jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public IdentityServiceGrpc.IdentityServiceBlockingStub identity(String caller, Purpose purpose) {
    return harness.stub(IdentityServiceGrpc::newBlockingStub, caller, purpose);
  }

  public IdentityServiceGrpc.IdentityServiceBlockingStub operator() {
    return identity(TestCallers.OPERATOR, Purpose.SERVICE_PROVISION);
  }

  public IdentityServiceGrpc.IdentityServiceBlockingStub frontend() {
    return identity(TestCallers.FRONTEND, Purpose.SERVICE_PROVISION);
  }

  /** The front end acting for the person whose session {@code token} is (x-custody-session). */
  public IdentityServiceGrpc.IdentityServiceBlockingStub frontendAs(String token) {
    return org.custody.platform.testkit.TestSessions.withSession(frontend(), token);
  }

  /** The front end acting for {@code email} of {@code project}, signed in with {@link #PASSWORD}. */
  public IdentityServiceGrpc.IdentityServiceBlockingStub frontendSignedIn(String project, String email) {
    return frontendAs(login(project, email, PASSWORD).getSessionToken());
  }

  public IdentityServiceGrpc.IdentityServiceBlockingStub frontendAuth() {
    return identity(TestCallers.FRONTEND, Purpose.AUTHENTICATION);
  }

  public SessionServiceGrpc.SessionServiceBlockingStub sessions() {
    return harness.stub(SessionServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.AUTHENTICATION);
  }

  public SessionServiceGrpc.SessionServiceBlockingStub sessions(String caller, Purpose purpose) {
    return harness.stub(SessionServiceGrpc::newBlockingStub, caller, purpose);
  }

  public SubjectDataServiceGrpc.SubjectDataServiceBlockingStub subjects(Purpose purpose) {
    return harness.stub(SubjectDataServiceGrpc::newBlockingStub, TestCallers.DISCLOSURE, purpose);
  }

  public void project(String id) {
    operator().createProject(CreateProjectRequest.newBuilder().setProjectId(id).setDisplayName(id + " support").build());
  }

  public Account account(String project, String fullName, String email) {
    return frontend().createAccount(CreateAccountRequest.newBuilder()
        .setParent("projects/" + project).setFullName(fullName).setCompany("Acme Corp").setEmail(email).setPassword(PASSWORD)
        .setRequestId(UUID.randomUUID().toString()).build()).getAccount();
  }

  public LoginResponse login(String project, String email, String password) {
    return sessions().login(LoginRequest.newBuilder().setProject("projects/" + project).setEmail(email).setPassword(password).build());
  }

  public String metrics() {
    return harness.scrapeMetrics();
  }

  @Override
  public void close() {
    harness.close();
    mail.stop();
  }
}
