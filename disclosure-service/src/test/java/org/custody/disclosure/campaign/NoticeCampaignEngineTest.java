package org.custody.disclosure.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.jobs.RetryPolicy;
import org.custody.platform.mail.InMemoryOutboxStore;
import org.custody.platform.mail.Outbox;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** The notice-campaign cycle with an in-memory kind and a clock moved by hand. */
class NoticeCampaignEngineTest {
  private final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
  private final AtomicInteger nudges = new AtomicInteger();
  private final RetryPolicy retries = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(30), Duration.ofMinutes(15));
  private final NoticeCampaignEngine engine = new NoticeCampaignEngine(new Outbox(new InMemoryOutboxStore(), clock, nudges::incrementAndGet),
      InMemoryOutboxStore.NO_TRANSACTION, new InMemoryTransactions(), retries, clock);

  private record Stored(String id, int attempts) implements CampaignKind.Campaign {}

  private record Postponed(String id, int attempts, Instant next, String failure) {}

  /** A kind whose campaigns are a list, whose listing can be made to fail, and whose other instance can win. */
  private final class FakeKind implements CampaignKind<Stored> {
    final List<Stored> campaigns = new ArrayList<>();
    final Set<String> listed = new HashSet<>();
    final List<String> queued = new ArrayList<>();
    final List<Postponed> postponed = new ArrayList<>();
    RuntimeException listingFails;
    int lastLimit;

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public List<Stored> due(Instant now, int limit) {
      lastLimit = limit;
      return campaigns.stream().filter(c -> !listed.contains(c.id())).limit(limit).toList();
    }

    @Override
    public Listing list(Stored campaign) {
      if (listingFails != null) {
        throw listingFails;
      }
      return new Listing(2, 1, outboxTransaction -> InMemoryTransactions.onCommit(() -> queued.add(campaign.id())));
    }

    @Override
    public boolean markListed(Stored campaign, Instant time) {
      return listed.add(campaign.id());
    }

    @Override
    public void postpone(Stored campaign, int attempts, Instant nextAttempt, String failure) {
      postponed.add(new Postponed(campaign.id(), attempts, nextAttempt, failure));
    }
  }

  @Test
  void dueCampaignsAreListedAndQueuedOnce_andTheOutboxIsNudged() {
    FakeKind kind = new FakeKind();
    kind.campaigns.add(new Stored("v1", 0));
    kind.campaigns.add(new Stored("v2", 3));

    assertThat(engine.runDue(kind)).isEqualTo(2);
    assertThat(engine.runDue(kind)).isZero();

    assertThat(kind.queued).containsExactly("v1", "v2");
    assertThat(nudges).hasValue(1);
    assertThat(kind.lastLimit).isEqualTo(NoticeCampaignEngine.BATCH);
  }

  @Test
  void whenAnotherInstanceListedItFirst_nothingIsQueuedAndNothingPostponed() {
    FakeKind kind = new FakeKind();
    Stored campaign = new Stored("v1", 0);
    kind.campaigns.add(campaign);
    kind.listed.add("v1"); // the other instance's commit landed between due() and this attempt

    assertThat(engine.listNow(kind, campaign)).isFalse();
    assertThat(kind.queued).isEmpty();
    assertThat(kind.postponed).isEmpty();
    assertThat(nudges).hasValue(0);
  }

  @Test
  void aFailedListingIsPostponedWithBackoff_keepingOnlyTheReason() {
    FakeKind kind = new FakeKind();
    kind.campaigns.add(new Stored("v1", 2));
    kind.listingFails = DomainException.of(ErrorKind.UNAVAILABLE, "LEAF_UNAVAILABLE", "identity at jane@example.com is down");

    assertThat(engine.runDue(kind)).isZero();

    assertThat(kind.postponed).containsExactly(new Postponed("v1", 3, clock.instant().plus(retries.delayAfter(3)), "LEAF_UNAVAILABLE"));
    assertThat(kind.queued).isEmpty();
    assertThat(nudges).hasValue(0);
  }

  @Test
  void anUnexpectedFailureIsRecordedAsInternal_neverItsMessage() {
    FakeKind kind = new FakeKind();
    Stored campaign = new Stored("v1", 0);
    kind.listingFails = new IllegalStateException("row for jane@example.com");

    assertThat(engine.listNow(kind, campaign)).isFalse();

    assertThat(kind.postponed).extracting(Postponed::failure).containsExactly("INTERNAL");
    assertThat(engine.firstRetry(clock.instant())).isEqualTo(clock.instant().plus(retries.delayAfter(1)));
  }
}
