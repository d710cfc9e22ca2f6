package org.custody.disclosure.recipient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;

/** Recipients in a map, applied on commit, for unit tests. */
public final class InMemoryRecipientStore implements RecipientStore {
  private final Map<String, List<Recipient>> versions = new TreeMap<>();

  @Override
  public synchronized void insertFirstVersion(Recipient recipient) {
    if (versions.containsKey(recipient.id())) {
      throw DomainException.of(ErrorKind.ALREADY_EXISTS, "RECIPIENT_ALREADY_EXISTS", "exists");
    }
    InMemoryTransactions.onCommit(() -> {
      synchronized (this) {
        versions.put(recipient.id(), new ArrayList<>(List.of(recipient)));
      }
    });
  }

  @Override
  public synchronized Optional<Recipient> lockCurrent(String id) {
    return findCurrent(id);
  }

  @Override
  public synchronized void insertNextVersion(Recipient recipient) {
    InMemoryTransactions.onCommit(() -> {
      synchronized (this) {
        versions.get(recipient.id()).add(recipient);
      }
    });
  }

  @Override
  public synchronized Optional<Recipient> findCurrent(String id) {
    List<Recipient> all = versions.get(id);
    return all == null ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  @Override
  public synchronized Optional<Recipient> findVersion(String id, long version) {
    return versions.getOrDefault(id, List.of()).stream().filter(r -> r.version() == version).findFirst();
  }

  @Override
  public synchronized List<Recipient> list(String afterId, int limit) {
    return versions.values().stream().map(v -> v.get(v.size() - 1)).filter(r -> r.id().compareTo(afterId) > 0).limit(limit).toList();
  }

  @Override
  public synchronized List<Recipient> versions(String id) {
    return List.copyOf(versions.getOrDefault(id, List.of()));
  }
}
