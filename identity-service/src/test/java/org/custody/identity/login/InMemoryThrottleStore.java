package org.custody.identity.login;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The in-memory fake of ThrottleStore. */
final class InMemoryThrottleStore implements ThrottleStore {
  private final ConcurrentHashMap<ByteBuffer, ThrottleState> states = new ConcurrentHashMap<>();

  @Override
  public Optional<ThrottleState> find(byte[] key) {
    return Optional.ofNullable(states.get(ByteBuffer.wrap(key)));
  }

  @Override
  public synchronized void update(byte[] key, UnaryOperator<Optional<ThrottleState>> change) {
    Optional<ThrottleState> next = change.apply(find(key));
    if (next.isPresent()) {
      states.put(ByteBuffer.wrap(key), next.get());
    } else {
      states.remove(ByteBuffer.wrap(key));
    }
  }

  @Override
  public void delete(byte[] key) {
    states.remove(ByteBuffer.wrap(key));
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
