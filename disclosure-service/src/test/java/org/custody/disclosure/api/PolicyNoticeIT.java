package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.custody.disclosure.api.ReceivedMails.address;
import static org.custody.disclosure.api.ReceivedMails.body;
import static org.custody.disclosure.api.ReceivedMails.subject;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.grpc.Status;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.disclosure.testing.TestLeaves;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestSessions;
import org.custody.proto.disclosure.v1.AcknowledgeNoticeRequest;
import org.custody.proto.disclosure.v1.ExternalPolicyText;
import org.custody.proto.disclosure.v1.GetNoticeCampaignRequest;
import org.custody.proto.disclosure.v1.GetPendingNoticeRequest;
import org.custody.proto.disclosure.v1.GetPendingNoticeResponse;
import org.custody.proto.disclosure.v1.GetPolicyVersionRequest;
import org.custody.proto.disclosure.v1.LedgerEntry;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.ListPolicyVersionsRequest;
import org.custody.proto.disclosure.v1.ListPolicyVersionsResponse;
import org.custody.proto.disclosure.v1.NoticeCampaign;
import org.custody.proto.disclosure.v1.PolicyServiceGrpc;
import org.custody.proto.disclosure.v1.PolicyVersion;
import org.custody.proto.disclosure.v1.PublishPolicyVersionRequest;
import org.custody.proto.disclosure.v1.PublishPolicyVersionResponse;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.SetPrimaryAccountRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Policy versions and notices of significant changes (P14) over real gRPC: the disclosure server
 * on its own database, a real identity server that lists the primary account holders, and a real
 * SMTP server (GreenMail). The tests share one server and run in order: the pending notice
 * depends on which significant version was published last, and the last test stops identity.
 */
@ExtendWith(FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyNoticeIT {
  private static TestLeaves leaves;
  private static GreenMail greenMail;
  private static ServiceHarness disclosure;
  private static String alphaHolder;
  private static String alphaMember;
  private static final String PASSWORD = "a long and winding passphrase 1969";
  /** Each account's session, from logging in with identity. */
  private static final Map<String, String> sessions = new HashMap<>();

  @BeforeAll
  static void start(DatabaseSettings database) {
    leaves = TestLeaves.start(ServiceRuntime.systemClock());
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    greenMail.start();
    Map<String, String> env = new HashMap<>(leaves.targets());
    env.put("CUSTODY_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
    env.put("CUSTODY_POLICY_NOTICE_INTERVAL", "200ms");
    disclosure = ServiceHarness.of(DisclosureTestServer.start(database, ServiceRuntime.systemClock(), env));

    alphaHolder = site("alpha", "Ada Holder", "ada@alpha.example");
    alphaMember = account("alpha", "Max Member", "max@alpha.example");
    site("beta", "Bea Holder", "bea@beta.example");
  }

  @AfterAll
  static void stop() {
    if (disclosure != null) {
      disclosure.close();
    }
    if (greenMail != null) {
      greenMail.stop();
    }
    if (leaves != null) {
      leaves.close();
    }
  }

  /** A project site whose first account is its primary account holder; returns that account. */
  private static String site(String project, String name, String email) {
    leaves.identity().stub(IdentityServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION)
        .createProject(CreateProjectRequest.newBuilder().setProjectId(project).setDisplayName(project + " support").build());
    String account = account(project, name, email);
    leaves.identity().stub(IdentityServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION)
        .setPrimaryAccount(SetPrimaryAccountRequest.newBuilder().setProject("projects/" + project).setAccount(account).build());
    return account;
  }

  private static String account(String project, String name, String email) {
    String account = leaves.identity().stub(IdentityServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION)
        .createAccount(CreateAccountRequest.newBuilder().setParent("projects/" + project).setFullName(name).setCompany("Example Ltd")
            .setEmail(email).setPassword(PASSWORD).build()).getAccount().getName();
    sessions.put(account, leaves.login("projects/" + project, email, PASSWORD));
    return account;
  }

  private static PolicyServiceGrpc.PolicyServiceBlockingStub operator() {
    return disclosure.stub(PolicyServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.CONTACT);
  }

  private static PolicyServiceGrpc.PolicyServiceBlockingStub frontend() {
    return disclosure.stub(PolicyServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.CONTACT);
  }

  /** The front end acting for {@code account}, signed in with identity. */
  private static PolicyServiceGrpc.PolicyServiceBlockingStub frontend(String account) {
    return TestSessions.withSession(frontend(), sessions.get(account));
  }

  private static PolicyVersion.Builder version(String text, boolean significant) {
    return PolicyVersion.newBuilder().setText(text).setEffectiveDate("2027-01-01").setSignificant(significant)
        .setSummary("Support transcripts are now kept for 90 days instead of 30.");
  }

  private static PublishPolicyVersionResponse publish(String id, PolicyVersion.Builder version) {
    return publish(id, version, UUID.randomUUID().toString());
  }

  private static PublishPolicyVersionResponse publish(String id, PolicyVersion.Builder version, String requestId) {
    return operator().publishPolicyVersion(PublishPolicyVersionRequest.newBuilder().setPolicyVersionId(id).setPolicyVersion(version)
        .setRequestId(requestId).build());
  }

  private static NoticeCampaign campaign(String versionId) {
    return operator().getNoticeCampaign(GetNoticeCampaignRequest.newBuilder().setName("policyVersions/" + versionId + "/noticeCampaign")
        .build()).getNoticeCampaign();
  }

  private static GetPendingNoticeResponse pending(String account) {
    return frontend(account).getPendingNotice(GetPendingNoticeRequest.newBuilder().setAccount(account).build());
  }

  /** The mails received about {@code versionId} (its id is in the subject line). */
  private static List<MimeMessage> mailsAbout(String versionId) {
    return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> subject(m).contains("(version " + versionId + ")")).toList();
  }

  @Test
  @Order(1)
  void P14_campaignMetric_existsAtStart() {
    String metrics = disclosure.scrapeMetrics();
    for (String state : List.of("queued", "sent", "delivered", "failed", "acknowledged")) {
      assertThat(metrics).containsPattern("custody_notice_campaign_messages\\{[^}]*state=\"" + state + "\"[^}]*} 0\\.0");
    }
  }

  @Test
  @Order(2)
  void P14_significantVersionEmailsEveryPrimaryAccountHolder() throws Exception {
    PublishPolicyVersionResponse published = publish("2026-12-01", version("Policy text of December 2026.", true));
    NoticeCampaign started = published.getNoticeCampaign();
    assertThat(started.getName()).isEqualTo("policyVersions/2026-12-01/noticeCampaign");
    assertThat(started.hasStartTime()).isTrue();
    assertThat(started.hasListTime()).as("identity answered: the holders are listed at once").isTrue();
    assertThat(started.getRecipientCount()).isEqualTo(2);
    assertThat(started.getLastFailure()).isEmpty();

    await().atMost(Duration.ofSeconds(20)).until(() -> mailsAbout("2026-12-01").size() >= 2);
    List<MimeMessage> mails = mailsAbout("2026-12-01");
    assertThat(mails.stream().map(ReceivedMails::address)).containsExactlyInAnyOrder("ada@alpha.example", "bea@beta.example");
    for (MimeMessage mail : mails) {
      assertThat(subject(mail)).isEqualTo("Our privacy policy is changing on 2027-01-01 (version 2026-12-01)");
      assertThat(body(mail)).contains("Support transcripts are now kept for 90 days instead of 30.").contains("2027-01-01")
          .contains("policyVersions/2026-12-01").doesNotContain("max@alpha.example");
    }
    assertThat(body(mails.stream().filter(m -> address(m).startsWith("ada")).findFirst().orElseThrow())).startsWith("Hello Ada Holder,");

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(campaign("2026-12-01")).satisfies(c -> {
      assertThat(c.getRecipientCount()).isEqualTo(2);
      assertThat(c.getSentCount()).isEqualTo(2);
      assertThat(c.getDeliveredCount()).isEqualTo(2);
      assertThat(c.getFailedCount()).isZero();
    }));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(disclosure.scrapeMetrics())
        .containsPattern("custody_notice_campaign_messages\\{[^}]*state=\"delivered\"[^}]*} 2\\.0")
        .containsPattern("custody_notice_campaign_messages\\{[^}]*state=\"queued\"[^}]*} 0\\.0"));

    String ledger = ledger().stream().map(e -> e.getEntryType() + " " + e.getPayload().toStringUtf8()).reduce("", (a, b) -> a + "\n" + b);
    assertThat(ledger).contains("mail.delivered").contains("policy-notice").contains(alphaHolder).doesNotContain("@");
  }

  @Test
  @Order(3)
  void P14_pendingNoticeUntilAcknowledged() {
    PolicyVersion significant = publish("2027-02-01", version("Policy text of February 2027.", true)).getPolicyVersion();

    GetPendingNoticeResponse before = pending(alphaMember);
    assertThat(before.getPending()).isTrue();
    assertThat(before.getPolicyVersion().getName()).isEqualTo("policyVersions/2027-02-01");
    assertThat(before.getPolicyVersion().getSummary()).isEqualTo(significant.getSummary());
    assertThat(pending(alphaHolder).getPending()).as("every account, not only primary holders").isTrue();

    var first = frontend(alphaMember).acknowledgeNotice(AcknowledgeNoticeRequest.newBuilder().setAccount(alphaMember)
        .setPolicyVersion("policyVersions/2027-02-01").build()).getAcknowledgeTime();
    assertThat(pending(alphaMember).getPending()).isFalse();
    assertThat(pending(alphaMember).hasPolicyVersion()).isFalse();
    assertThat(pending(alphaHolder).getPending()).isTrue();
    var repeated = frontend(alphaMember).acknowledgeNotice(AcknowledgeNoticeRequest.newBuilder().setAccount(alphaMember)
        .setPolicyVersion("policyVersions/2027-02-01").build()).getAcknowledgeTime();
    assertThat(repeated).as("a repeat returns the first acknowledge_time").isEqualTo(first);
    assertThat(campaign("2027-02-01").getAcknowledgedCount()).isEqualTo(1);
    assertThat(ledger().stream().filter(e -> e.getEntryType().equals("policy.acknowledged")).map(e -> e.getPayload().toStringUtf8()))
        .as("one entry, not one per repeat").singleElement().asString()
        .contains(alphaMember).contains("policyVersions/2027-02-01");
    // The gauges are read from the database at most every 5 seconds.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(disclosure.scrapeMetrics())
        .containsPattern("custody_notice_campaign_messages\\{[^}]*state=\"acknowledged\"[^}]*} [1-9]"));

    // A non-significant version brings no notice; a newer significant one does.
    publish("2027-02-15", version("Policy text with a typo fixed.", false));
    assertThat(pending(alphaMember).getPending()).isFalse();
    publish("2027-03-01", version("Policy text of March 2027.", true));
    assertThat(pending(alphaMember).getPolicyVersion().getName()).isEqualTo("policyVersions/2027-03-01");

    assertThat(ErrorDetails.ofFailure(() -> frontend(alphaMember).acknowledgeNotice(AcknowledgeNoticeRequest.newBuilder().setAccount(alphaMember)
        .setPolicyVersion("policyVersions/never-published").build()))).satisfies(e -> {
          assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(e.reason()).isEqualTo("POLICY_VERSION_NOT_FOUND");
        });
  }

  @Test
  @Order(4)
  void P14_versionsAreImmutableAndLedgered() throws Exception {
    String text = "Policy text, immutable edition.";
    String requestId = UUID.randomUUID().toString();
    PolicyVersion published = publish("immutable-1", version(text, false), requestId).getPolicyVersion();
    assertThat(published.getName()).isEqualTo("policyVersions/immutable-1");
    assertThat(published.getContentSha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))));
    assertThat(published.hasPublishTime()).isTrue();

    assertThat(publish("immutable-1", version(text, false), requestId).getPolicyVersion()).as("a retry gets the same answer")
        .isEqualTo(published);
    assertThat(publish("immutable-1", version(text, false)).getPolicyVersion()).as("the same content again changes nothing")
        .isEqualTo(published);
    assertThat(ErrorDetails.ofFailure(() -> publish("immutable-1", version(text + " Amended.", false)))).satisfies(e -> {
      assertThat(e.code()).isEqualTo(Status.Code.ALREADY_EXISTS);
      assertThat(e.reason()).isEqualTo("POLICY_VERSION_EXISTS");
    });
    assertThat(ErrorDetails.ofFailure(() -> publish("immutable-1", version(text, true)))).satisfies(e ->
        assertThat(e.code()).isEqualTo(Status.Code.ALREADY_EXISTS));
    assertThat(operator().getPolicyVersion(GetPolicyVersionRequest.newBuilder().setName("policyVersions/immutable-1").build())
        .getPolicyVersion()).isEqualTo(published);

    LedgerEntry entry = ledger().stream().filter(e -> e.getIndex() == published.getLedgerIndex()).findFirst().orElseThrow();
    assertThat(entry.getEntryType()).isEqualTo("policy.published");
    assertThat(entry.getPayload().toStringUtf8()).contains("policyVersions/immutable-1").contains(published.getContentSha256())
        .contains("2027-01-01").doesNotContain(text);

    String hash = "ab".repeat(32);
    PolicyVersion external = publish("external-1", PolicyVersion.newBuilder()
        .setExternal(ExternalPolicyText.newBuilder().setUrl("https://policy.example/2027-04").setSha256(hash))
        .setEffectiveDate("2027-04-01").setSummary("Wording only.")).getPolicyVersion();
    assertThat(external.getContentSha256()).isEqualTo(hash);
    assertThat(external.getExternal().getUrl()).isEqualTo("https://policy.example/2027-04");

    // Newest first, page by page.
    ListPolicyVersionsResponse first = operator().listPolicyVersions(ListPolicyVersionsRequest.newBuilder().setPageSize(1).build());
    assertThat(first.getPolicyVersionsList()).extracting(PolicyVersion::getName).containsExactly("policyVersions/external-1");
    ListPolicyVersionsResponse second = operator().listPolicyVersions(ListPolicyVersionsRequest.newBuilder().setPageSize(1)
        .setPageToken(first.getNextPageToken()).build());
    assertThat(second.getPolicyVersionsList()).extracting(PolicyVersion::getName).containsExactly("policyVersions/immutable-1");
    List<String> all = operator().listPolicyVersions(ListPolicyVersionsRequest.newBuilder().build()).getPolicyVersionsList().stream()
        .map(PolicyVersion::getName).toList();
    assertThat(all).startsWith("policyVersions/external-1", "policyVersions/immutable-1").contains("policyVersions/2026-12-01");
    assertThat(all.indexOf("policyVersions/2027-03-01")).isLessThan(all.indexOf("policyVersions/2026-12-01"));
  }

  @Test
  @Order(5)
  void P14_nonSignificantVersion_hasNoCampaignAndSendsNoMail() throws Exception {
    PublishPolicyVersionResponse published = publish("quiet-1", version("Policy text, editorial changes.", false));
    assertThat(published.hasNoticeCampaign()).isFalse();
    assertThat(published.getPolicyVersion().getSignificant()).isFalse();
    assertThat(ErrorDetails.ofFailure(() -> campaign("quiet-1"))).satisfies(e -> {
      assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND);
      assertThat(e.reason()).isEqualTo("NOTICE_CAMPAIGN_NOT_FOUND");
    });
    assertThat(ErrorDetails.ofFailure(() -> campaign("no-such-version")).code()).isEqualTo(Status.Code.NOT_FOUND);
    Thread.sleep(1000); // two rounds of the outbox and of the campaign job
    assertThat(mailsAbout("quiet-1")).isEmpty();
  }

  @Test
  @Order(7)
  void invalidVersions_areRefusedWithFieldViolations() {
    ErrorDetails badDate = ErrorDetails.ofFailure(() -> publish("bad-date", version("Text.", true).setEffectiveDate("2027-02-30")));
    assertThat(badDate.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(badDate.violatedFields()).containsExactly("policy_version.effective_date");

    ErrorDetails badShape = ErrorDetails.ofFailure(() -> publish("bad-shape", version("Text.", true).setEffectiveDate("1 Jan 2027")));
    assertThat(badShape.violatedFields()).containsExactly("policy_version.effective_date");

    ErrorDetails noContent = ErrorDetails.ofFailure(() -> publish("no-content", PolicyVersion.newBuilder()
        .setEffectiveDate("2027-01-01").setSummary("Nothing to read.")));
    assertThat(noContent.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(noContent.violatedFields()).singleElement().asString().startsWith("policy_version.content");

    ErrorDetails blankSummary = ErrorDetails.ofFailure(() -> publish("blank-summary", version("Text.", true).setSummary("   ")));
    assertThat(blankSummary.violatedFields()).containsExactly("policy_version.summary");

    ErrorDetails badToken = ErrorDetails.ofFailure(() -> operator().listPolicyVersions(ListPolicyVersionsRequest.newBuilder()
        .setPageToken("not-a-token").build()));
    assertThat(badToken.violatedFields()).containsExactly("page_token");
    assertThat(ErrorDetails.ofFailure(() -> operator().getPolicyVersion(GetPolicyVersionRequest.newBuilder()
        .setName("policyVersions/bad-date").build())).code()).as("nothing was published").isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  @Order(6)
  void P14_onlyOperatorsPublish_andCampaignsAreNotForTheFrontEnd() {
    assertThat(ErrorDetails.ofFailure(() -> frontend().publishPolicyVersion(PublishPolicyVersionRequest.newBuilder()
        .setPolicyVersionId("from-frontend").setPolicyVersion(version("Text.", true)).build())).code())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(ErrorDetails.ofFailure(() -> disclosure.stub(PolicyServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.RESEARCH)
        .publishPolicyVersion(PublishPolicyVersionRequest.newBuilder().setPolicyVersionId("for-research")
            .setPolicyVersion(version("Text.", true)).build())).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(ErrorDetails.ofFailure(() -> frontend().getNoticeCampaign(GetNoticeCampaignRequest.newBuilder()
        .setName("policyVersions/2026-12-01/noticeCampaign").build())).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(disclosure.stub(PolicyServiceGrpc::newBlockingStub, TestCallers.HELPDESK, Purpose.SERVICE_PROVISION)
        .getPolicyVersion(GetPolicyVersionRequest.newBuilder().setName("policyVersions/2026-12-01").build()).getPolicyVersion()
        .getSignificant()).as("versions are public texts").isTrue();
  }

  @Test
  @Order(8)
  void P14_campaignWaitsForIdentity() {
    int identityPort = leaves.identity().server().port();
    leaves.stop("identity");
    NoticeCampaign waiting = publish("2027-05-01", version("Policy text of May 2027.", true)).getNoticeCampaign();
    assertThat(waiting.hasListTime()).isFalse();
    assertThat(waiting.getLastFailure()).isEqualTo("LEAF_UNAVAILABLE");
    assertThat(waiting.getRecipientCount()).isZero();
    assertThat(campaign("2027-05-01").getLastFailure()).isEqualTo("LEAF_UNAVAILABLE");
    assertThat(mailsAbout("2027-05-01")).isEmpty();

    leaves.restart("identity", identityPort);
    await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(campaign("2027-05-01")).satisfies(c -> {
      assertThat(c.hasListTime()).isTrue();
      assertThat(c.getLastFailure()).isEmpty();
      assertThat(c.getRecipientCount()).isEqualTo(2);
      assertThat(c.getDeliveredCount()).isEqualTo(2);
    }));
    assertThat(mailsAbout("2027-05-01").stream().map(ReceivedMails::address))
        .containsExactlyInAnyOrder("ada@alpha.example", "bea@beta.example");
  }

  private static List<LedgerEntry> ledger() {
    return disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setPageSize(1000).build()).getEntriesList();
  }
}
