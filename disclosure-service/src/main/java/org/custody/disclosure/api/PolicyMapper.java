package org.custody.disclosure.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.custody.disclosure.policy.NoticeCampaign;
import org.custody.disclosure.policy.PolicyDraft;
import org.custody.disclosure.policy.PolicyStore;
import org.custody.disclosure.policy.PolicyVersion;
import org.custody.platform.api.PageTokens;
import org.custody.platform.api.ProtoTimes;
import org.custody.proto.disclosure.v1.ExternalPolicyText;

/** Policy versions, notice campaigns and page cursors between contract and domain. */
final class PolicyMapper {
  private PolicyMapper() {}

  static PolicyDraft fromProto(String id, org.custody.proto.disclosure.v1.PolicyVersion p) {
    boolean external = p.getContentCase() == org.custody.proto.disclosure.v1.PolicyVersion.ContentCase.EXTERNAL;
    boolean inline = p.getContentCase() == org.custody.proto.disclosure.v1.PolicyVersion.ContentCase.TEXT;
    return new PolicyDraft(id,
        inline ? Optional.of(p.getText()) : Optional.empty(),
        external ? Optional.of(p.getExternal().getUrl()) : Optional.empty(),
        external ? Optional.of(p.getExternal().getSha256()) : Optional.empty(),
        p.getEffectiveDate(), p.getSignificant(), p.getSummary());
  }

  static org.custody.proto.disclosure.v1.PolicyVersion toProto(PolicyVersion v) {
    var b = org.custody.proto.disclosure.v1.PolicyVersion.newBuilder()
        .setName(v.name())
        .setContentSha256(v.contentSha256())
        .setEffectiveDate(v.effectiveDate().toString())
        .setSignificant(v.significant())
        .setSummary(v.summary())
        .setPublishTime(ProtoTimes.timestamp(v.publishTime()))
        .setLedgerIndex(v.ledgerIndex());
    v.text().ifPresent(b::setText);
    v.url().ifPresent(u -> b.setExternal(ExternalPolicyText.newBuilder().setUrl(u).setSha256(v.contentSha256())));
    return b.build();
  }

  static org.custody.proto.disclosure.v1.NoticeCampaign toProto(NoticeCampaign c) {
    var b = org.custody.proto.disclosure.v1.NoticeCampaign.newBuilder()
        .setName(c.name())
        .setRecipientCount(c.recipientCount())
        .setSentCount(c.sentCount())
        .setDeliveredCount(c.deliveredCount())
        .setFailedCount(c.failedCount())
        .setAcknowledgedCount(c.acknowledgedCount())
        .setStartTime(ProtoTimes.timestamp(c.startTime()));
    c.listTime().ifPresent(t -> b.setListTime(ProtoTimes.timestamp(t)));
    c.lastFailure().ifPresent(b::setLastFailure);
    return b.build();
  }

  /** The cursor after the last version of a page: its publish time and id. */
  static String cursorAfter(PolicyVersion last) {
    return last.publishTime() + "/" + last.id();
  }

  static Optional<PolicyStore.Cursor> cursor(String cursor) {
    if (cursor.isEmpty()) {
      return Optional.empty();
    }
    int cut = cursor.indexOf('/');
    if (cut < 0) {
      throw PageTokens.invalid();
    }
    try {
      return Optional.of(new PolicyStore.Cursor(Instant.parse(cursor.substring(0, cut)), cursor.substring(cut + 1)));
    } catch (DateTimeParseException e) {
      throw PageTokens.invalid();
    }
  }
}
