package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.platform.mail.RefusingSmtpServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestDatabases;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.DecisionOutcome;
import org.custody.proto.disclosure.v1.Disclosure;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureScope;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.ListTransferNoticesRequest;
import org.custody.proto.disclosure.v1.NoticeDeliveryState;
import org.custody.proto.disclosure.v1.ReevaluateDisclosureRequest;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.SubjectList;
import org.custody.proto.disclosure.v1.TransferNotice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Corporate transfers (P10) end to end for subjects known by e-mail: the notices go through the
 * outbox to a real SMTP server (GreenMail), deliveries are recorded per subject and in the ledger,
 * and the decision becomes ALLOWED only on re-evaluation once everyone was told and the notice
 * period has passed. Also: retries while the mail server is down, and a bounce.
 */
@ExtendWith(FreshDatabase.class)
class TransferNoticeIT {
  private static final org.custody.proto.common.v1.Purpose SERVICE = org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION;

  private static void registerAcquirer(ServiceHarness harness) {
    harness.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION)
        .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("buyer").setRecipient(Recipient.newBuilder()
            .setDisplayName("Buyer Holdings plc").setKind(RecipientKind.RECIPIENT_KIND_ACQUIRER).addPermittedPurposes(SERVICE)
            .addPermittedCategories(DataCategory.DATA_CATEGORY_USER_NAME)
            .addPermittedCategories(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL)).build());
  }

  private static SubjectRef email(String address) {
    return SubjectRef.newBuilder().setProject("projects/acme").setEmail(address).build();
  }

  private static Disclosure requestTransfer(ServiceHarness harness, SubjectRef... subjects) {
    return operator(harness).requestDisclosure(RequestDisclosureRequest.newBuilder().setRecipient("recipients/buyer")
        .setScope(DisclosureScope.newBuilder().setSubjects(SubjectList.newBuilder().addAllSubjects(List.of(subjects))))
        .addCategories(DataCategory.DATA_CATEGORY_USER_NAME).addCategories(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL)
        .setPurpose(SERVICE).setBasis(DisclosureBasis.DISCLOSURE_BASIS_CORPORATE_TRANSACTION)
        .setRecipientUse(RecipientUse.RECIPIENT_USE_BUSINESS_CONTINUITY).setRequestedBy("board-resolution-2026-11")
        .setRequestId(UUID.randomUUID().toString()).build()).getDisclosure();
  }

  private static DisclosureServiceGrpc.DisclosureServiceBlockingStub operator(ServiceHarness harness) {
    return harness.stub(DisclosureServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION);
  }

  private static List<TransferNotice> notices(ServiceHarness harness, Disclosure d) {
    return operator(harness).listTransferNotices(ListTransferNoticesRequest.newBuilder().setParent(d.getName()).build()).getNoticesList();
  }

  private static Disclosure reevaluate(ServiceHarness harness, Disclosure d) {
    return operator(harness).reevaluateDisclosure(ReevaluateDisclosureRequest.newBuilder().setName(d.getName()).build()).getDisclosure();
  }

  @Test
  void P10_transfer_isAllowedOnlyAfterEveryNoticeWasDeliveredAndTheNoticePeriodPassed(DatabaseSettings database) throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    greenMail.start();
    ServiceHarness harness = ServiceHarness.of(DisclosureTestServer.start(database, clock,
        Map.of("CUSTODY_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()))));
    try {
      registerAcquirer(harness);
      Disclosure pending = requestTransfer(harness, email("ann@example.org"), email("Bob@Example.org"));
      assertThat(pending.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_PENDING_NOTICE);

      assertThat(greenMail.waitForIncomingEmail(20_000, 2)).isTrue();
      MimeMessage[] mails = greenMail.getReceivedMessages();
      assertThat(Arrays.stream(mails).map(m -> address(m))).containsExactlyInAnyOrder("ann@example.org", "bob@example.org");
      assertThat(mails[0].getSubject()).isEqualTo("Notice: your data will be transferred to Buyer Holdings plc");
      assertThat((String) mails[0].getContent()).contains("30 days").contains(pending.getName()).contains("user.contact.email");

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notices(harness, pending))
          .allSatisfy(n -> assertThat(n.getState()).isEqualTo(NoticeDeliveryState.NOTICE_DELIVERY_STATE_DELIVERED)).hasSize(2));
      assertThat(notices(harness, pending)).allSatisfy(n -> {
        assertThat(n.getAttempts()).isEqualTo(1);
        assertThat(n.hasDeliverTime()).isTrue();
      });

      Disclosure waiting = reevaluate(harness, pending);
      assertThat(waiting.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_PENDING_NOTICE);
      assertThat(waiting.getReason()).contains("all 2 affected subjects notified");
      assertThat(waiting.getLedgerIndex()).isEqualTo(pending.getLedgerIndex());

      clock.advance(Duration.ofDays(30).minusMinutes(1));
      assertThat(reevaluate(harness, pending).getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_PENDING_NOTICE);
      clock.advance(Duration.ofMinutes(2));
      Disclosure allowed = reevaluate(harness, pending);
      assertThat(allowed.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_ALLOWED);
      assertThat(allowed.getRule()).isEqualTo("P10_NOTICE_GIVEN");
      assertThat(allowed.getLedgerIndex()).isGreaterThan(pending.getLedgerIndex());
      assertThat(allowed.hasExpireTime()).isTrue();

      String ledger = harness.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
          .listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setPageSize(1000).build()).getEntriesList().stream()
          .map(e -> e.getEntryType() + " " + e.getPayload().toStringUtf8()).reduce("", (a, b) -> a + "\n" + b);
      assertThat(ledger).contains("mail.delivered").contains("transfer-notice").contains("emailSubjects/").doesNotContain("@");
      assertThat(harness.scrapeMetrics()).containsPattern("custody_mail_outbox_messages_total\\{[^}]*state=\"delivered\"[^}]*} 2\\.0");
    } finally {
      harness.close();
      greenMail.stop();
    }
  }

  @Test
  void noticesAreRetriedWhileTheMailServerIsDown_andDeliveredWhenItIsBack() throws Exception {
    DatabaseSettings database = TestDatabases.fresh("transferretry");
    MutableClock clock = new MutableClock(Instant.now());
    int port = freePort();
    ServiceHarness harness = ServiceHarness.of(DisclosureTestServer.start(database, clock,
        Map.of("CUSTODY_SMTP_PORT", String.valueOf(port), "CUSTODY_MAIL_MAX_ATTEMPTS", "100")));
    GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    try {
      registerAcquirer(harness);
      Disclosure pending = requestTransfer(harness, email("cyd@example.org"));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        clock.advance(Duration.ofSeconds(1));
        assertThat(notices(harness, pending)).singleElement().satisfies(n -> {
          assertThat(n.getState()).isEqualTo(NoticeDeliveryState.NOTICE_DELIVERY_STATE_FAILED);
          assertThat(n.getAttempts()).isGreaterThanOrEqualTo(2);
        });
      });
      assertThat(reevaluate(harness, pending).getReason()).contains("0 of 1 affected subjects notified");
      assertThat(harness.scrapeMetrics()).containsPattern("custody_mail_outbox_messages_total\\{[^}]*state=\"retried\"[^}]*} [1-9]");

      greenMail.start();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        clock.advance(Duration.ofSeconds(30));
        assertThat(notices(harness, pending)).singleElement()
            .satisfies(n -> assertThat(n.getState()).isEqualTo(NoticeDeliveryState.NOTICE_DELIVERY_STATE_DELIVERED));
      });
      assertThat(greenMail.getReceivedMessages()).hasSize(1);
    } finally {
      harness.close();
      greenMail.stop();
      TestDatabases.drop(database);
    }
  }

  @Test
  void bouncedNotice_isRecordedAsFailed_andKeepsTheTransferPending() throws Exception {
    DatabaseSettings database = TestDatabases.fresh("transferbounce");
    MutableClock clock = new MutableClock(Instant.now());
    try (RefusingSmtpServer smtp = new RefusingSmtpServer("550 5.1.1 no such mailbox")) {
      ServiceHarness harness = ServiceHarness.of(DisclosureTestServer.start(database, clock,
          Map.of("CUSTODY_SMTP_PORT", String.valueOf(smtp.port()))));
      try {
        registerAcquirer(harness);
        Disclosure pending = requestTransfer(harness, email("gone@example.org"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notices(harness, pending)).singleElement()
            .satisfies(n -> {
              assertThat(n.getState()).isEqualTo(NoticeDeliveryState.NOTICE_DELIVERY_STATE_FAILED);
              assertThat(n.getAttempts()).isEqualTo(1);
            }));
        clock.advance(Duration.ofDays(365));
        Disclosure still = reevaluate(harness, pending);
        assertThat(still.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_PENDING_NOTICE);
        assertThat(still.getReason()).contains("1 notices undeliverable");
        assertThat(smtp.refused()).isEqualTo(1);
        assertThat(harness.scrapeMetrics()).containsPattern("custody_mail_outbox_messages_total\\{[^}]*state=\"failed\"[^}]*} 1\\.0");
      } finally {
        harness.close();
      }
    } finally {
      TestDatabases.drop(database);
    }
  }

  private static String address(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
