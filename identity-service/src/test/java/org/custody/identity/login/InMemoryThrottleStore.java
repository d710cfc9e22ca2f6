package org.custody.identity.login;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The in-memory fake of ThrottleStore. */
final class InMemoryThrottleStore implements ThrottleStore {
  private final ConcurrentHashMap<ByteBuffer, ThrottleState> states = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ByteBuffer, ByteBuffer> accounts = new ConcurrentHashMap<>();

  @Override
  public Optional<ThrottleState> find(byte[] key) {
    return Optional.ofNullable(states.get(ByteBuffer.wrap(key)));
  }

  @Override
  public List<Keyed> findAll(List<byte[]> keys) {
    List<Keyed> found = new ArrayList<>();
    keys.forEach(k -> find(k).ifPresent(s -> found.add(new Keyed(k, s))));
    return found;
  }

  @Override
  public synchronized void update(byte[] key, byte[] accountKey, UnaryOperator<Optional<ThrottleState>> change) {
    Optional<ThrottleState> next = change.apply(find(key));
    if (next.isPresent()) {
      states.put(ByteBuffer.wrap(key), next.get());
      accounts.put(ByteBuffer.wrap(key), ByteBuffer.wrap(accountKey));
    } else {
      delete(key);
    }
  }

  @Override
  public void delete(byte[] key) {
    states.remove(ByteBuffer.wrap(key));
    accounts.remove(ByteBuffer.wrap(key));
  }

  @Override
  public synchronized int deleteAccount(byte[] accountKey) {
    List<ByteBuffer> keys = accounts.entrySet().stream().filter(e -> e.getValue().equals(ByteBuffer.wrap(accountKey))).map(e -> e.getKey()).toList();
    keys.forEach(k -> delete(k.array()));
    return keys.size();
  }

  @Override
  public int deleteStale(Instant windowStartBefore, Instant now) {
    int before = states.size();
    states.values().removeIf(s -> s.windowStart().isBefore(windowStartBefore) && s.lockedUntil().filter(now::isBefore).isEmpty());
    return before - states.size();
  }

  int size() {
    return states.size();
  }
}
