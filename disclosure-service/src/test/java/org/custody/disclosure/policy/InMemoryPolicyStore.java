package org.custody.disclosure.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.platform.mail.MessageState;
import org.custody.platform.mail.OutboxMessage;
import org.custody.platform.mail.OutboxStore;

/**
 * Policy versions, campaigns, notices and acknowledgements in maps, written on commit, for unit
 * tests; {@link PolicyStoreContract} holds it to the jOOQ store's semantics. Delivery counts read
 * the notices' messages from {@code outbox}, as the jOOQ store joins the outbox table.
 */
public final class InMemoryPolicyStore implements PolicyStore {
  private static final Comparator<PolicyVersion> NEWEST_FIRST =
      Comparator.comparing(PolicyVersion::publishTime).thenComparing(PolicyVersion::id).reversed();

  /** A campaign and when it is next due (none once listed). */
  private record StoredCampaign(Campaign campaign, Optional<Instant> nextAttempt) {}

  private final OutboxStore outbox;
  private final Map<String, PolicyVersion> versions = new TreeMap<>();
  private final Map<String, StoredCampaign> campaigns = new TreeMap<>();
  private final Map<String, List<StoredNotice>> notices = new HashMap<>();
  private final Map<List<String>, Acknowledgement> acknowledgements = new HashMap<>();

  public InMemoryPolicyStore(OutboxStore outbox) {
    this.outbox = outbox;
  }

  private void onCommit(Runnable effect) {
    InMemoryTransactions.onCommit(() -> {
      synchronized (this) {
        effect.run();
      }
    });
  }

  @Override
  public synchronized boolean insert(PolicyVersion version) {
    if (versions.containsKey(version.id())) {
      return false;
    }
    onCommit(() -> versions.putIfAbsent(version.id(), version));
    return true;
  }

  @Override
  public synchronized Optional<PolicyVersion> find(String id) {
    return Optional.ofNullable(versions.get(id));
  }

  @Override
  public synchronized List<PolicyVersion> list(Optional<Cursor> after, int limit) {
    Predicate<PolicyVersion> afterCursor = v -> after.map(c -> v.publishTime().isBefore(c.publishTime())
        || v.publishTime().equals(c.publishTime()) && v.id().compareTo(c.id()) < 0).orElse(true);
    return versions.values().stream().filter(afterCursor).sorted(NEWEST_FIRST).limit(limit).toList();
  }

  @Override
  public synchronized Optional<PolicyVersion> latestSignificant() {
    return versions.values().stream().filter(PolicyVersion::significant).sorted(NEWEST_FIRST).findFirst();
  }

  @Override
  public synchronized void openCampaign(String versionId, Instant start, Instant firstAttempt) {
    onCommit(() -> campaigns.put(versionId,
        new StoredCampaign(new Campaign(versionId, start, Optional.empty(), 0, Optional.empty()), Optional.of(firstAttempt))));
  }

  @Override
  public synchronized Optional<Campaign> campaign(String versionId) {
    return Optional.ofNullable(campaigns.get(versionId)).map(StoredCampaign::campaign);
  }

  @Override
  public synchronized List<Campaign> unlisted(Instant now, int limit) {
    return campaigns.values().stream()
        .filter(c -> c.campaign().listTime().isEmpty() && c.nextAttempt().filter(t -> !t.isAfter(now)).isPresent())
        .sorted(Comparator.comparing(c -> c.nextAttempt().orElseThrow()))
        .limit(limit)
        .map(StoredCampaign::campaign)
        .toList();
  }

  @Override
  public synchronized boolean markListed(String versionId, Instant time) {
    StoredCampaign current = campaigns.get(versionId);
    if (current == null || current.campaign().listTime().isPresent()) {
      return false;
    }
    onCommit(() -> campaigns.computeIfPresent(versionId, (id, c) -> new StoredCampaign(new Campaign(id, c.campaign().startTime(),
        Optional.of(time), c.campaign().attempts(), c.campaign().lastFailure()), Optional.empty())));
    return true;
  }

  @Override
  public synchronized void insertNotices(String versionId, List<StoredNotice> listed) {
    List<StoredNotice> copy = List.copyOf(listed);
    onCommit(() -> notices.computeIfAbsent(versionId, id -> new ArrayList<>()).addAll(copy));
  }

  @Override
  public synchronized void postpone(String versionId, int attempts, Instant nextAttempt, String failure) {
    String kept = failure.length() > 100 ? failure.substring(0, 100) : failure;
    campaigns.computeIfPresent(versionId, (id, c) -> c.campaign().listTime().isPresent() ? c : new StoredCampaign(
        new Campaign(id, c.campaign().startTime(), Optional.empty(), attempts, Optional.of(kept)), Optional.of(nextAttempt)));
  }

  @Override
  public synchronized DeliveryCounts deliveryCounts(String versionId) {
    return counts(notices.getOrDefault(versionId, List.of()));
  }

  @Override
  public synchronized DeliveryCounts allDeliveryCounts() {
    return counts(notices.values().stream().flatMap(List::stream).toList());
  }

  /** As the jOOQ store's aggregate: a notice without a message (or whose message is gone) counts as failed. */
  private DeliveryCounts counts(List<StoredNotice> of) {
    Map<String, OutboxMessage> messages = outbox.find(of.stream().flatMap(n -> n.messageId().stream()).toList());
    long queued = 0;
    long sent = 0;
    long delivered = 0;
    long failed = 0;
    for (StoredNotice notice : of) {
      OutboxMessage m = notice.messageId().map(messages::get).orElse(null);
      if (m == null) {
        failed++;
        continue;
      }
      queued += m.nextAttemptTime().isPresent() ? 1 : 0;
      sent += m.attempts() >= 1 ? 1 : 0;
      delivered += m.state() == MessageState.DELIVERED ? 1 : 0;
      failed += m.state() == MessageState.FAILED && m.nextAttemptTime().isEmpty() ? 1 : 0;
    }
    return new DeliveryCounts(of.size(), queued, sent, delivered, failed);
  }

  @Override
  public synchronized boolean insertAcknowledgement(Acknowledgement acknowledgement) {
    List<String> key = List.of(acknowledgement.account(), acknowledgement.versionId());
    if (acknowledgements.containsKey(key)) {
      return false;
    }
    onCommit(() -> acknowledgements.putIfAbsent(key, acknowledgement));
    return true;
  }

  @Override
  public synchronized Optional<Acknowledgement> acknowledgement(String account, String versionId) {
    return Optional.ofNullable(acknowledgements.get(List.of(account, versionId)));
  }

  @Override
  public synchronized long acknowledgements(String versionId) {
    return acknowledgements.values().stream().filter(a -> a.versionId().equals(versionId)).count();
  }

  @Override
  public synchronized long allSignificantAcknowledgements() {
    return acknowledgements.values().stream()
        .filter(a -> Optional.ofNullable(versions.get(a.versionId())).filter(PolicyVersion::significant).isPresent()).count();
  }
}
