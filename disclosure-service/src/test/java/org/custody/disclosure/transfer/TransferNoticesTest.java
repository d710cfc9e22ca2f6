package org.custody.disclosure.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custody.disclosure.campaign.NoticeCampaignEngine;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.DisclosureBasis;
import org.custody.disclosure.decision.DisclosureRequest;
import org.custody.disclosure.decision.DisclosureRules;
import org.custody.disclosure.decision.Disclosures;
import org.custody.disclosure.decision.Evidence;
import org.custody.disclosure.decision.InMemoryDisclosureStore;
import org.custody.disclosure.decision.NoticeStatus;
import org.custody.disclosure.decision.Outcome;
import org.custody.disclosure.decision.RecipientUse;
import org.custody.disclosure.decision.Scope;
import org.custody.disclosure.decision.SubjectDecision;
import org.custody.disclosure.consent.InMemoryConsentStore;
import org.custody.disclosure.ledger.InMemoryLedgerStore;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.disclosure.recipient.InMemoryRecipientStore;
import org.custody.disclosure.recipient.Recipient;
import org.custody.disclosure.recipient.RecipientKind;
import org.custody.disclosure.recipient.Recipients;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.jobs.RetryPolicy;
import org.custody.platform.mail.InMemoryOutboxStore;
import org.custody.platform.mail.MessageState;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxMessage;
import org.custody.platform.subject.Subject;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Corporate-transfer notices (P10) through decisions, on in-memory stores, a fake identity and a clock moved by hand. */
class TransferNoticesTest {
  private static final Subject ALICE = Subject.account("projects/acme/accounts/alice");
  private static final Subject BOB = Subject.account("projects/acme/accounts/bob");
  private static final Subject CAROL = Subject.email("projects/acme", "carol@example.org");
  private static final Duration NOTICE_PERIOD = Duration.ofDays(30);

  private final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
  private final Ledger ledger = new Ledger(new InMemoryTransactions(), new InMemoryLedgerStore(), TreeHeadSigner.fromSeed(new byte[32]),
      clock, 16);
  private final InMemoryOutboxStore outboxStore = new InMemoryOutboxStore();
  private final Outbox outbox = new Outbox(outboxStore, clock, () -> { });
  private final RetryPolicy retries = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(30), Duration.ofMinutes(15));
  private final InMemoryDisclosureStore disclosureStore = new InMemoryDisclosureStore();
  private final Recipients recipients = new Recipients(new InMemoryRecipientStore(), ledger, clock);
  private final SubjectPseudonyms pseudonyms = subjects -> subjects.stream().collect(Collectors.toMap(Function.identity(),
      s -> s.account().orElseGet(() -> s.project() + "/emailSubjects/carol-pseudonym")));
  private final FakeIdentity identity = new FakeIdentity();
  private final List<Runnable> soon = new ArrayList<>();
  private final TransferNotices notices = new TransferNotices(new InMemoryTransferNoticeStore(outboxStore), disclosureStore, recipients,
      identity, pseudonyms, outbox, new NoticeCampaignEngine(outbox, new InMemoryTransactions(), retries, clock), NOTICE_PERIOD, clock,
      soon::add);
  private final Disclosures disclosures = new Disclosures(disclosureStore, recipients, new InMemoryConsentStore(), pseudonyms, notices,
      new DisclosureRules(NOTICE_PERIOD), ledger, (outcome, basis) -> { }, clock, Duration.ofHours(24));

  /** Identity's view of the project site: Alice and Carol with an address, Bob without; it can be made unavailable. */
  private static final class FakeIdentity implements NoticeAddresses {
    boolean down;
    List<Addressee> addressees = List.of(new Addressee(ALICE, Optional.of("alice@example.org"), Optional.of("Alice")),
        new Addressee(CAROL, Optional.of("carol@example.org"), Optional.empty()), new Addressee(BOB, Optional.empty(), Optional.empty()));

    @Override
    public List<Addressee> addressees(Scope scope) {
      if (down) {
        throw DomainException.of(ErrorKind.UNAVAILABLE, "LEAF_UNAVAILABLE", "identity is unavailable");
      }
      return addressees;
    }
  }

  TransferNoticesTest() {
    recipients.create(new Recipient("buyer", 0, "Buyer Ltd", RecipientKind.ACQUIRER, Set.of(Purpose.SERVICE_PROVISION),
        Set.of(DataCategory.USER_NAME), Optional.empty(), Optional.empty(), Optional.empty(), Instant.EPOCH));
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private Disclosure transfer() {
    return disclosures.request(new DisclosureRequest("buyer", Scope.project("projects/acme"), Set.of(DataCategory.USER_NAME),
        Purpose.SERVICE_PROVISION, DisclosureBasis.CORPORATE_TRANSACTION, RecipientUse.BUSINESS_CONTINUITY, Evidence.none(), "operator-7",
        "operator", UUID.randomUUID().toString(), new byte[32]), Purpose.SERVICE_PROVISION);
  }

  private void runSoon() {
    List<Runnable> due = List.copyOf(soon);
    soon.clear();
    due.forEach(Runnable::run);
  }

  @Test
  void P10_aPendingTransfer_listsTheSubjectsOnce_andQueuesOneNoticePerAddress() {
    Disclosure pending = transfer();
    assertThat(pending.outcome()).isEqualTo(Outcome.PENDING_NOTICE);
    assertThat(notices.status(pending.id()).resolvedTime()).isEmpty();
    assertThat(soon).as("the decision nudges the campaigns").hasSize(1);
    runSoon();

    NoticeStatus status = notices.status(pending.id());
    assertThat(status.resolvedTime()).contains(clock.instant());
    assertThat(status.addressees()).isEqualTo(3);
    assertThat(status.undeliverable()).as("Bob has no address").isEqualTo(1);
    assertThat(notices.notifiedSubjects(pending.id())).containsExactly(ALICE, CAROL, BOB);
    assertThat(notices.notices(pending.id(), -1, 10)).extracting(TransferNotice::state)
        .containsExactly(MessageState.PENDING, MessageState.PENDING, MessageState.FAILED);
    assertThat(outboxStore.messages.values()).extracting(m -> m.mail().to()).containsExactly("alice@example.org", "carol@example.org");
    assertThat(outboxStore.messages.values()).extracting(m -> m.mail().subjectId().orElseThrow())
        .containsExactly(ALICE.account().orElseThrow(), "projects/acme/emailSubjects/carol-pseudonym");
    assertThat(disclosureStore.subjects(pending.id())).extracting(SubjectDecision::subject).as("the project's subjects become the decision's")
        .containsExactly(ALICE, CAROL, BOB);

    clock.advance(Duration.ofHours(1));
    assertThat(notices.resolveDue()).as("listed once").isZero();
    assertThat(outboxStore.messages).hasSize(2);
  }

  @Test
  void P10_whileIdentityIsUnavailable_theCampaignIsRetriedWithBackoff_andTheStatusSaysWhy() {
    identity.down = true;
    Disclosure pending = transfer();
    runSoon();
    assertThat(notices.status(pending.id()).listingFailure()).contains("LEAF_UNAVAILABLE");
    assertThat(outboxStore.messages).isEmpty();

    identity.down = false;
    clock.advance(retries.delayAfter(1).minusSeconds(1));
    assertThat(notices.resolveDue()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(notices.resolveDue()).isEqualTo(1);
    assertThat(notices.status(pending.id()).resolvedTime()).contains(clock.instant());
    assertThat(notices.status(pending.id()).listingFailure()).isEmpty();
  }

  @Test
  void P10_onceEveryNoticeIsDelivered_andTheNoticePeriodPassed_theTransferIsAllowed() {
    identity.addressees = List.of(new Addressee(ALICE, Optional.of("alice@example.org"), Optional.of("Alice")));
    Disclosure pending = transfer();
    runSoon();
    OutboxMessage notice = outboxStore.messages.values().iterator().next();
    clock.advance(Duration.ofMinutes(5));
    Instant delivered = clock.instant();
    outboxStore.markDelivered(InMemoryOutboxStore.NO_TRANSACTION, notice.id(), 1, delivered, OptionalLong.empty());
    assertThat(notices.status(pending.id()).everyoneToldAt()).contains(delivered);

    clock.set(delivered.plus(NOTICE_PERIOD).minusSeconds(1));
    assertThat(disclosures.reevaluate(pending.id()).outcome()).isEqualTo(Outcome.PENDING_NOTICE);
    clock.set(delivered.plus(NOTICE_PERIOD));
    Disclosure allowed = disclosures.reevaluate(pending.id());
    assertThat(allowed.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(disclosureStore.subjects(pending.id())).extracting(SubjectDecision::outcome).containsExactly(Outcome.ALLOWED);
  }

  @Test
  void noticesOfAnUnknownDisclosure_areNotFound() {
    assertThatThrownBy(() -> notices.notices(UUID.randomUUID().toString(), -1, 10)).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }
}
