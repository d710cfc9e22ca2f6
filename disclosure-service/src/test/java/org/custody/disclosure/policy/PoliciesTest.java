package org.custody.disclosure.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.disclosure.campaign.NoticeCampaignEngine;
import org.custody.disclosure.ledger.InMemoryLedgerStore;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.LedgerEntry;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.disclosure.transfer.Addressee;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.jobs.RetryPolicy;
import org.custody.platform.mail.InMemoryOutboxStore;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxMessage;
import org.custody.platform.subject.Subject;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Policy versions and their notices (P14) on in-memory stores, a fake identity and a clock moved by hand. */
class PoliciesTest {
  private static final String ANN = "projects/alpha/accounts/ann";
  private static final String BEN = "projects/beta/accounts/ben";

  private final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
  private final InMemoryLedgerStore ledgerStore = new InMemoryLedgerStore();
  private final Ledger ledger = new Ledger(new InMemoryTransactions(), ledgerStore, TreeHeadSigner.fromSeed(new byte[32]), clock, 16);
  private final InMemoryOutboxStore outboxStore = new InMemoryOutboxStore();
  private final AtomicInteger nudges = new AtomicInteger();
  private final Outbox outbox = new Outbox(outboxStore, clock, nudges::incrementAndGet);
  private final RetryPolicy retries = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(30), Duration.ofMinutes(15));
  private final InMemoryPolicyStore store = new InMemoryPolicyStore(outboxStore);
  private final FakeIdentity identity = new FakeIdentity();
  private final PolicyNoticeCampaigns campaigns = new PolicyNoticeCampaigns(store, identity, outbox,
      new NoticeCampaignEngine(outbox, new InMemoryTransactions(), retries, clock));
  private final Policies policies = new Policies(store, campaigns, ledger);

  /** Identity's list of primary account holders: Ann with an address, Ben without; it can be made unavailable. */
  private static final class FakeIdentity implements HolderDirectory {
    boolean down;
    int asked;

    @Override
    public List<Addressee> primaryAccountHolders() {
      asked++;
      if (down) {
        throw DomainException.of(ErrorKind.UNAVAILABLE, "LEAF_UNAVAILABLE", "identity is unavailable");
      }
      return List.of(new Addressee(Subject.account(ANN), Optional.of("ann@alpha.example"), Optional.of("Ann")),
          new Addressee(Subject.account(BEN), Optional.empty(), Optional.empty()));
    }
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private static PolicyDraft draft(String id, String text, boolean significant) {
    return new PolicyDraft(id, Optional.of(text), Optional.empty(), Optional.empty(), "2027-01-01", significant, " Clearer wording. ");
  }

  private List<LedgerEntry> entries(String type) {
    return ledgerStore.entries.values().stream().filter(e -> text(e).contains("\"type\":\"" + type + "\"")).toList();
  }

  private static String text(LedgerEntry entry) {
    return new String(entry.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void P14_significantVersion_isLedgeredWithoutItsText_andNotifiesEveryPrimaryAccountHolderOnce() {
    PolicyVersion published = policies.publish(draft("2027-01", "The policy text of January.", true));
    assertThat(published.publishTime()).isEqualTo(clock.instant());
    assertThat(published.summary()).isEqualTo("Clearer wording.");
    assertThat(entries("policy.published")).singleElement().satisfies(e -> assertThat(text(e))
        .contains("policyVersions/2027-01").contains(published.contentSha256()).doesNotContain("The policy text"));

    NoticeCampaign campaign = policies.campaign("2027-01");
    assertThat(campaign.listTime()).contains(clock.instant());
    assertThat(campaign.recipientCount()).isEqualTo(2);
    assertThat(campaign.failedCount()).as("Ben has no address").isEqualTo(1);
    assertThat(outboxStore.messages.values()).extracting(m -> m.mail().to()).containsExactly("ann@alpha.example");
    assertThat(outboxStore.messages.values()).extracting(m -> m.mail().subjectId()).containsExactly(Optional.of(ANN));
    assertThat(nudges).hasValue(1);

    clock.advance(Duration.ofHours(1));
    assertThat(campaigns.listDue()).as("listed once").isZero();
    assertThat(outboxStore.messages).hasSize(1);
    assertThat(identity.asked).isEqualTo(1);
  }

  @Test
  void P14_minorVersion_hasNoCampaign_andSendsNoMail() {
    policies.publish(draft("2027-01-fix", "The policy text, a typo fixed.", false));
    assertThatThrownBy(() -> policies.campaign("2027-01-fix")).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.reason()).isEqualTo("NOTICE_CAMPAIGN_NOT_FOUND"));
    assertThat(outboxStore.messages).isEmpty();
    assertThat(identity.asked).isZero();
    assertThat(policies.pendingNotice(ANN)).isEmpty();
  }

  @Test
  void P14_versionsAreImmutable_theSameContentAgainChangesNothing_otherContentIsRefused() {
    PolicyVersion published = policies.publish(draft("v1", "Text.", false));
    clock.advance(Duration.ofMinutes(1));
    assertThat(policies.publish(draft("v1", "Text.", false))).isEqualTo(published);
    assertThatThrownBy(() -> policies.publish(draft("v1", "Text. Amended.", false))).isInstanceOfSatisfying(DomainException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
      assertThat(e.reason()).isEqualTo("POLICY_VERSION_EXISTS");
    });
    assertThatThrownBy(() -> policies.publish(draft("v1", "Text.", true))).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
    assertThat(entries("policy.published")).hasSize(1);
    assertThat(policies.get("v1")).isEqualTo(published);
  }

  @Test
  void P14_pendingNoticeUntilTheLatestSignificantVersionIsAcknowledged() {
    policies.publish(draft("2027-02", "February.", true));
    assertThat(policies.pendingNotice(ANN)).map(PolicyVersion::id).contains("2027-02");

    Instant first = policies.acknowledge(ANN, "2027-02");
    assertThat(policies.pendingNotice(ANN)).isEmpty();
    assertThat(policies.pendingNotice(BEN)).as("every account, on its own").isPresent();
    clock.advance(Duration.ofMinutes(1));
    assertThat(policies.acknowledge(ANN, "2027-02")).as("a repeat returns the first time").isEqualTo(first);
    assertThat(entries("policy.acknowledged")).singleElement().satisfies(e -> assertThat(text(e)).contains(ANN).contains("policyVersions/2027-02"));
    assertThat(policies.campaign("2027-02").acknowledgedCount()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    policies.publish(draft("2027-02-fix", "February, a typo fixed.", false));
    assertThat(policies.pendingNotice(ANN)).as("a minor version brings no notice").isEmpty();
    clock.advance(Duration.ofMinutes(1));
    policies.publish(draft("2027-03", "March.", true));
    assertThat(policies.pendingNotice(ANN)).map(PolicyVersion::id).contains("2027-03");
    policies.acknowledge(ANN, "2027-02-fix");
    assertThat(policies.pendingNotice(ANN)).as("only the latest significant version clears it").isPresent();
  }

  @Test
  void acknowledge_ofAnUnpublishedVersion_isNotFound_andLedgersNothing() {
    assertThatThrownBy(() -> policies.acknowledge(ANN, "never")).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThat(ledgerStore.entries).isEmpty();
  }

  @Test
  void P14_campaignWaitsForIdentity_retriedWithBackoff_thenListedOnce() {
    identity.down = true;
    policies.publish(draft("2027-05", "May.", true));
    NoticeCampaign waiting = policies.campaign("2027-05");
    assertThat(waiting.listTime()).isEmpty();
    assertThat(waiting.lastFailure()).contains("LEAF_UNAVAILABLE");
    assertThat(waiting.recipientCount()).isZero();

    identity.down = false;
    clock.advance(retries.delayAfter(1).minusSeconds(1));
    assertThat(campaigns.listDue()).as("not due before the backoff").isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(campaigns.listDue()).isEqualTo(1);
    NoticeCampaign listed = policies.campaign("2027-05");
    assertThat(listed.listTime()).contains(clock.instant());
    assertThat(listed.lastFailure()).isEmpty();
    assertThat(listed.recipientCount()).isEqualTo(2);
    assertThat(outboxStore.messages.values()).extracting(OutboxMessage::attempts).containsExactly(0);
    assertThat(campaigns.listDue()).isZero();
  }

  @Test
  void invalidVersions_areRefusedWithFieldViolations() {
    PolicyDraft bad = new PolicyDraft("v9", Optional.of("Text."), Optional.of("https://policy.example/v9"), Optional.empty(), "01/01/2027",
        false, " ");
    assertThatThrownBy(() -> policies.publish(bad)).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
        .extracting(v -> v.field()).containsExactly("policy_version.effective_date", "policy_version.summary", "policy_version.content"));
    PolicyDraft badHash = new PolicyDraft("v9", Optional.empty(), Optional.of("https://policy.example/v9"), Optional.of("ABC"), "2027-01-01",
        false, "Summary.");
    assertThatThrownBy(() -> policies.publish(badHash)).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
        .extracting(v -> v.field()).containsExactly("policy_version.external.sha256"));
    assertThat(ledgerStore.entries).isEmpty();
  }
}
