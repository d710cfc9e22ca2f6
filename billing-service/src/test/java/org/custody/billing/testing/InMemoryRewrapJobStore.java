package org.custody.billing.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.custody.billing.keys.RewrapJob;
import org.custody.billing.keys.RewrapJobState;
import org.custody.billing.keys.RewrapJobStore;

/** Rewrap jobs in memory, with the same one-running-job and lease rules as the jOOQ store. */
public final class InMemoryRewrapJobStore implements RewrapJobStore {
  private final Map<String, RewrapJob> jobs = new LinkedHashMap<>();
  private final Map<String, String> leaseOwner = new LinkedHashMap<>();
  private final Map<String, Instant> leaseUntil = new LinkedHashMap<>();

  @Override
  public synchronized Optional<RewrapJob> running() {
    return jobs.values().stream().filter(j -> j.state() == RewrapJobState.RUNNING).findFirst();
  }

  @Override
  public synchronized Optional<RewrapJob> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public synchronized Optional<RewrapJob> latest() {
    return jobs.values().stream().reduce((a, b) -> b);
  }

  @Override
  public synchronized boolean insert(RewrapJob job) {
    if (running().isPresent()) {
      return false;
    }
    jobs.put(job.id(), job);
    return true;
  }

  @Override
  public synchronized boolean claim(String id, String owner, Instant now, Instant until) {
    Instant current = leaseUntil.get(id);
    if (current == null || current.isBefore(now) || owner.equals(leaseOwner.get(id))) {
      leaseOwner.put(id, owner);
      leaseUntil.put(id, until);
      return true;
    }
    return false;
  }

  @Override
  public synchronized void advance(String id, String cursor, long rewrapped, Instant until) {
    RewrapJob j = jobs.get(id);
    jobs.put(id, new RewrapJob(id, j.targetVersion(), j.state(), j.totalKeys(), j.rewrappedKeys() + rewrapped, cursor, j.startTime(),
        j.finishTime()));
    leaseUntil.put(id, until);
  }

  @Override
  public synchronized void finish(String id, RewrapJobState state, Instant at) {
    RewrapJob j = jobs.get(id);
    jobs.put(id, new RewrapJob(id, j.targetVersion(), state, j.totalKeys(), j.rewrappedKeys(), j.cursor(), j.startTime(), Optional.of(at)));
    leaseOwner.remove(id);
    leaseUntil.remove(id);
  }

  /** Simulates another process holding the job's lease until {@code until}. */
  public synchronized void leaseElsewhere(String id, Instant until) {
    leaseOwner.put(id, "elsewhere");
    leaseUntil.put(id, until);
  }
}
