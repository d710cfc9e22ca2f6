package org.custody.platform.mail;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox as a map, for unit tests. */
public final class InMemoryOutboxStore implements OutboxStore {
  /** In-memory writes apply at once: there is nothing to roll back. */
  public static final OutboxTransaction NO_TRANSACTION = statement -> {
    throw new UnsupportedOperationException("the in-memory outbox runs no SQL");
  };


  public final Map<String, OutboxMessage> messages = new LinkedHashMap<>();
  private final Map<String, Instant> leases = new HashMap<>();

  @Override
  public synchronized void insert(OutboxTransaction tx, OutboxMessage message) {
    messages.put(message.id(), message);
  }

  @Override
  public synchronized List<OutboxMessage> due(Instant now, int limit) {
    return messages.values().stream()
        .filter(m -> m.nextAttemptTime().filter(t -> !t.isAfter(now)).isPresent())
        .filter(m -> !leases.containsKey(m.id()) || leases.get(m.id()).isBefore(now))
        .sorted(Comparator.comparing(m -> m.nextAttemptTime().orElseThrow()))
        .limit(limit).toList();
  }

  @Override
  public synchronized boolean claim(String id, Instant now, Instant leaseUntil) {
    Instant lease = leases.get(id);
    if (lease != null && !lease.isBefore(now)) {
      return false;
    }
    leases.put(id, leaseUntil);
    return true;
  }

  @Override
  public void markDelivered(OutboxTransaction tx, String id, int attempts, Instant time, java.util.OptionalLong journalIndex) {
    update(id, m -> new OutboxMessage(id, m.mail(), MessageState.DELIVERED, attempts, Optional.empty(),
        Optional.empty(), false, m.createTime(), Optional.of(time)));
  }

  @Override
  public void markFailed(OutboxTransaction tx, String id, int attempts, String failure, boolean permanent, Optional<Instant> nextAttempt) {
    update(id, m -> new OutboxMessage(id, m.mail(), MessageState.FAILED, attempts, nextAttempt,
        Optional.of(failure), permanent, m.createTime(), Optional.empty()));
  }

  @Override
  public synchronized List<SentMail> sentTo(String subjectId, int limit) {
    return messages.values().stream().filter(m -> m.mail().subjectId().filter(subjectId::equals).isPresent()).limit(limit)
        .map(m -> new SentMail(m.id(), m.mail().topic(), m.mail().reference(), m.mail().to(), m.state(), m.createTime(), m.deliverTime()))
        .toList();
  }

  @Override
  public synchronized void forgetSubject(OutboxTransaction tx, String subjectId) {
    for (OutboxMessage m : List.copyOf(messages.values())) {
      if (m.mail().subjectId().filter(subjectId::equals).isPresent()) {
        boolean delivered = m.state() == MessageState.DELIVERED;
        OutgoingMail blank = new OutgoingMail(m.mail().topic(), m.mail().reference(), m.mail().subjectId(), "", "", "");
        messages.put(m.id(), new OutboxMessage(m.id(), blank, delivered ? m.state() : MessageState.FAILED, m.attempts(),
            delivered ? m.nextAttemptTime() : Optional.empty(), delivered ? m.failure() : Optional.of("ERASED"), m.permanent(),
            m.createTime(), m.deliverTime()));
      }
    }
  }

  private synchronized void update(String id, java.util.function.UnaryOperator<OutboxMessage> change) {
    messages.put(id, change.apply(messages.get(id)));
    leases.remove(id);
  }

  @Override
  public synchronized List<String> forgetFinished(Instant finishedBefore, String afterId, int limit) {
    List<String> forgotten = new java.util.ArrayList<>();
    for (OutboxMessage m : messages.values().stream().sorted(Comparator.comparing(OutboxMessage::id)).toList()) {
      boolean finished = m.nextAttemptTime().isEmpty()
          && m.deliverTime().orElse(m.createTime()).isBefore(finishedBefore) && !m.mail().to().isEmpty();
      if (finished && m.id().compareTo(afterId) > 0 && forgotten.size() < limit) {
        OutgoingMail blank = new OutgoingMail(m.mail().topic(), m.mail().reference(), m.mail().subjectId(), "", "", "");
        messages.put(m.id(), new OutboxMessage(m.id(), blank, m.state(), m.attempts(), m.nextAttemptTime(), m.failure(), m.permanent(),
            m.createTime(), m.deliverTime()));
        forgotten.add(m.id());
      }
    }
    return forgotten;
  }

  @Override
  public synchronized Map<String, OutboxMessage> find(Collection<String> ids) {
    Map<String, OutboxMessage> found = new HashMap<>();
    ids.forEach(id -> {
      if (messages.containsKey(id)) {
        found.put(id, messages.get(id));
      }
    });
    return found;
  }
}
