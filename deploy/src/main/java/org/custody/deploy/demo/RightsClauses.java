package org.custody.deploy.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.custody.platform.access.Purpose;
import org.custody.proto.disclosure.v1.AcknowledgeNoticeRequest;
import org.custody.proto.disclosure.v1.CreateErasureRequest;
import org.custody.proto.disclosure.v1.CreateExportRequest;
import org.custody.proto.disclosure.v1.Erasure;
import org.custody.proto.disclosure.v1.ErasureState;
import org.custody.proto.disclosure.v1.GetErasureRequest;
import org.custody.proto.disclosure.v1.GetNoticeCampaignRequest;
import org.custody.proto.disclosure.v1.GetPendingNoticeRequest;
import org.custody.proto.disclosure.v1.PolicyServiceGrpc;
import org.custody.proto.disclosure.v1.PolicyVersion;
import org.custody.proto.disclosure.v1.PublishPolicyVersionRequest;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc;

/** P13, P14: users keep every right to their data; significant policy changes are notified. */
final class RightsClauses {
  private final DemoContext c;

  RightsClauses(DemoContext c) {
    this.c = c;
  }

  void p14PolicyNotices() throws InterruptedException {
    c.narrator.clause("P14", "Significant policy changes are e-mailed to primary account holders and shown until acknowledged");
    var operator = c.clients.stub("disclosure", PolicyServiceGrpc::newBlockingStub, "operator", Purpose.CONTACT);
    String versionId = "demo-" + c.run;
    int mailsBefore = c.mail.map(m -> m.messages().size()).orElse(0);
    var published = operator.publishPolicyVersion(PublishPolicyVersionRequest.newBuilder().setPolicyVersionId(versionId)
        .setRequestId(UUID.randomUUID().toString())
        .setPolicyVersion(PolicyVersion.newBuilder().setText("Custody demo policy, version " + c.run + ".")
            .setEffectiveDate(LocalDate.now(ZoneOffset.UTC).plusDays(30).toString()).setSignificant(true)
            .setSummary("We now keep support transcripts for 90 days instead of 30."))
        .build());
    c.narrator.asked("operator PublishPolicyVersion(significant, effective in 30 days)");
    c.narrator.answered("published " + published.getPolicyVersion().getName() + " (ledger#" + published.getPolicyVersion().getLedgerIndex()
        + "), campaign " + published.getNoticeCampaign().getName());
    var frontend = c.asSubject(c.clients.stub("disclosure", PolicyServiceGrpc::newBlockingStub, "frontend", Purpose.CONTACT));
    var pending = frontend.getPendingNotice(GetPendingNoticeRequest.newBuilder().setAccount(c.account).build());
    var campaign = published.getNoticeCampaign();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (campaign.getDeliveredCount() + campaign.getFailedCount() < campaign.getRecipientCount() && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      campaign = operator.getNoticeCampaign(GetNoticeCampaignRequest.newBuilder().setName(campaign.getName()).build()).getNoticeCampaign();
    }
    frontend.acknowledgeNotice(AcknowledgeNoticeRequest.newBuilder().setAccount(c.account)
        .setPolicyVersion(published.getPolicyVersion().getName()).build());
    var after = frontend.getPendingNotice(GetPendingNoticeRequest.newBuilder().setAccount(c.account).build());
    int mailsAfter = c.mail.map(m -> m.messages().size()).orElse(0);
    c.narrator.answered("pending notice for the demo account: " + pending.getPending() + "; campaign delivered "
        + campaign.getDeliveredCount() + " of " + campaign.getRecipientCount() + " e-mails (" + (mailsAfter - mailsBefore)
        + " reached the local mail catcher); after AcknowledgeNotice, pending: " + after.getPending());
    c.narrator.why("versions are immutable and ledgered; a significant one e-mails every project site's primary account holder "
        + "through the outbox with retries, and every account sees a prominent notice until it acknowledges that version");
    c.narrator.expect(pending.getPending() && !after.getPending(), "pending until acknowledged");
    c.narrator.expect(campaign.getDeliveredCount() >= 1, "the primary account holder was e-mailed");
  }

  void p13SubjectRights() throws InterruptedException {
    c.narrator.clause("P13", "Users retain all rights to their data: export everything, erase everywhere");
    var operator = c.clients.stub("disclosure", SubjectRightsServiceGrpc::newBlockingStub, "operator", Purpose.SUBJECT_REQUEST);
    var export = operator.createExport(CreateExportRequest.newBuilder().setSubject(c.subject()).setRequestId(UUID.randomUUID().toString()).build())
        .getExport();
    String document = export.getDocument();
    c.narrator.asked("operator CreateExport for the demo subject (SUBJECT_REQUEST)");
    c.narrator.answered(export.getName() + ": a " + document.length() + "-character JSON document with parts from identity, billing, "
        + "analytics and disclosure; release recorded at ledger#" + export.getLedgerIndex());
    Erasure erasure = operator.createErasure(CreateErasureRequest.newBuilder().setSubject(c.subject())
        .setRequestId(UUID.randomUUID().toString()).build()).getErasure();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (erasure.getState() != ErasureState.ERASURE_STATE_COMPLETED && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      erasure = operator.getErasure(GetErasureRequest.newBuilder().setName(erasure.getName()).build()).getErasure();
    }
    StringBuilder parts = new StringBuilder();
    erasure.getServicesList().forEach(s -> parts.append(s.getService()).append('=')
        .append(s.getState().name().substring("SERVICE_ERASURE_STATE_".length())).append(' '));
    c.narrator.asked("operator CreateErasure for the demo subject");
    c.narrator.answered(erasure.getName() + " " + erasure.getState().name().substring("ERASURE_STATE_".length()) + ": " + parts
        + "; recipients told: " + erasure.getNotifiedRecipientsList());
    c.narrator.why("the export gathers every service's SubjectDataService export, each value labelled with its data category; "
        + "the erasure is a durable saga retried until every service confirms, invoices are kept only under the legal retention "
        + "basis (and purged after it), and every recipient that received the subject's data is told");
    c.narrator.expect(document.contains("identity") && document.contains("billing") && document.contains("analytics"), "every service in the export");
    c.narrator.expect(erasure.getState() == ErasureState.ERASURE_STATE_COMPLETED, "the erasure completes");
  }
}
