package org.custody.analytics.salt;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A SaltStore in memory, for unit tests. */
public final class InMemorySaltStore implements SaltStore {
  private final Map<LocalDate, byte[]> salts = new TreeMap<>();

  @Override
  public synchronized byte[] getOrCreate(LocalDate day, byte[] candidate, Instant now) {
    return salts.computeIfAbsent(day, d -> candidate.clone()).clone();
  }

  @Override
  public synchronized int deleteBefore(LocalDate day) {
    int before = salts.size();
    salts.keySet().removeIf(d -> d.isBefore(day));
    return before - salts.size();
  }

  @Override
  public synchronized List<LocalDate> days() {
    return new ArrayList<>(salts.keySet());
  }

  /** Every salt still stored. */
  public synchronized List<byte[]> all() {
    return salts.values().stream().map(byte[]::clone).toList();
  }
}
