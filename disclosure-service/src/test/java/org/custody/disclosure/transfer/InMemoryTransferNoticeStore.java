package org.custody.disclosure.transfer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.platform.mail.MessageState;
import org.custody.platform.mail.OutboxMessage;
import org.custody.platform.mail.OutboxStore;

/**
 * Transfer-notice campaigns and notices in maps, written on commit, for unit tests;
 * {@link TransferNoticeStoreContract} holds it to the jOOQ store's semantics. Delivery counts read
 * the notices' messages from {@code outbox}, as the jOOQ store joins the outbox table.
 */
public final class InMemoryTransferNoticeStore implements TransferNoticeStore {
  /** A campaign and when it is next due (none once resolved). */
  private record Stored(Campaign campaign, Optional<Instant> nextAttempt) {}

  private final OutboxStore outbox;
  private final Map<String, Stored> campaigns = new HashMap<>();
  private final Map<String, List<StoredNotice>> notices = new HashMap<>();

  public InMemoryTransferNoticeStore(OutboxStore outbox) {
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
  public synchronized void openCampaign(String disclosureId, Instant now) {
    onCommit(() -> campaigns.put(disclosureId, new Stored(new Campaign(disclosureId, Optional.empty(), 0, Optional.empty()),
        Optional.of(now))));
  }

  @Override
  public synchronized List<Campaign> unresolved(Instant now, int limit) {
    return campaigns.values().stream()
        .filter(s -> s.campaign().resolveTime().isEmpty() && s.nextAttempt().filter(t -> !t.isAfter(now)).isPresent())
        .sorted(Comparator.comparing(s -> s.nextAttempt().orElseThrow()))
        .limit(limit)
        .map(Stored::campaign)
        .toList();
  }

  @Override
  public synchronized Optional<Campaign> campaign(String disclosureId) {
    return Optional.ofNullable(campaigns.get(disclosureId)).map(Stored::campaign);
  }

  @Override
  public synchronized boolean markResolved(String disclosureId, Instant time) {
    Stored current = campaigns.get(disclosureId);
    if (current == null || current.campaign().resolveTime().isPresent()) {
      return false;
    }
    onCommit(() -> campaigns.computeIfPresent(disclosureId, (id, s) -> new Stored(new Campaign(id, Optional.of(time),
        s.campaign().attempts(), s.campaign().lastFailure()), Optional.empty())));
    return true;
  }

  @Override
  public synchronized void insertNotices(String disclosureId, List<StoredNotice> listed) {
    List<StoredNotice> copy = List.copyOf(listed);
    onCommit(() -> notices.computeIfAbsent(disclosureId, id -> new ArrayList<>()).addAll(copy));
  }

  @Override
  public synchronized void postpone(String disclosureId, int attempts, Instant nextAttempt, String failure) {
    String kept = failure.length() > 100 ? failure.substring(0, 100) : failure;
    campaigns.computeIfPresent(disclosureId, (id, s) -> s.campaign().resolveTime().isPresent() ? s
        : new Stored(new Campaign(id, Optional.empty(), attempts, Optional.of(kept)), Optional.of(nextAttempt)));
  }

  @Override
  public synchronized List<StoredNotice> notices(String disclosureId, int afterPosition, int limit) {
    return notices.getOrDefault(disclosureId, List.of()).stream().filter(n -> n.position() > afterPosition)
        .sorted(Comparator.comparingInt(StoredNotice::position)).limit(limit).toList();
  }

  @Override
  public synchronized List<StoredNotice> allNotices(String disclosureId) {
    return notices(disclosureId, -1, Integer.MAX_VALUE);
  }

  /** As the jOOQ store's aggregate: a notice without a message (or whose message is gone) counts as given up. */
  @Override
  public synchronized DeliveryCounts deliveryCounts(String disclosureId) {
    List<StoredNotice> of = notices.getOrDefault(disclosureId, List.of());
    Map<String, OutboxMessage> messages = outbox.find(of.stream().flatMap(n -> n.messageId().stream()).toList());
    long delivered = 0;
    long givenUp = 0;
    Optional<Instant> last = Optional.empty();
    for (StoredNotice notice : of) {
      OutboxMessage m = notice.messageId().map(messages::get).orElse(null);
      if (m == null) {
        givenUp++;
        continue;
      }
      delivered += m.state() == MessageState.DELIVERED ? 1 : 0;
      givenUp += m.givenUp() ? 1 : 0;
      if (m.deliverTime().isPresent() && (last.isEmpty() || m.deliverTime().get().isAfter(last.get()))) {
        last = m.deliverTime();
      }
    }
    return new DeliveryCounts(of.size(), delivered, givenUp, last);
  }
}
