package org.custody.billing.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custody.billing.crypto.DataKeyRef;
import org.custody.billing.crypto.DataKeyStore;
import org.custody.billing.crypto.Envelope;
import org.custody.billing.crypto.KekVersion;
import org.custody.billing.crypto.KekVersionStore;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.SafeDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewraps every data key under the primary KEK version, in batches. Each batch commits the moved
 * keys together with the job's cursor and count, so a job interrupted by a crash or a restart
 * resumes after the last committed batch and never moves a key twice. A lease keeps a second
 * process (or replica) off a job that is being worked on. Only the wrapping changes: the data
 * keys, and everything sealed under them, stay as they are.
 */
public final class Rewrapper {
  private static final Logger log = LoggerFactory.getLogger(Rewrapper.class);

  private final DataKeyStore dataKeys;
  private final RewrapJobStore jobs;
  private final KekVersionStore versions;
  private final Envelope envelope;
  private final Transactions transactions;
  private final RandomIds ids;
  private final Clock clock;
  private final int batchSize;
  private final Duration lease;
  private final String leaseOwner;
  private volatile Optional<RewrapJob> lastSeen = Optional.empty();

  public Rewrapper(DataKeyStore dataKeys, RewrapJobStore jobs, KekVersionStore versions, Envelope envelope,
      Transactions transactions, RandomIds ids, Clock clock, int batchSize, Duration lease) {
    this.dataKeys = dataKeys;
    this.jobs = jobs;
    this.versions = versions;
    this.envelope = envelope;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
    this.batchSize = batchSize;
    this.lease = lease;
    this.leaseOwner = ids.next();
  }

  /** Loads the latest job for progress reporting (at start). */
  public Rewrapper load() {
    lastSeen = jobs.latest();
    return this;
  }

  /** Starts a job targeting the primary version, or returns the one already running. */
  public RewrapJob start() {
    RewrapJob job = transactions.inTransaction(() -> {
      Optional<RewrapJob> running = jobs.running();
      if (running.isPresent()) {
        return running.get();
      }
      KekVersion primary = versions.primaryForShare()
          .orElseThrow(() -> new IllegalStateException("there is no primary key-encryption-key version"));
      RewrapJob created = new RewrapJob(ids.nextLong(), primary.version(), RewrapJobState.RUNNING,
          dataKeys.countNotUnder(primary.version()), 0, "", clock.instant(), Optional.empty());
      if (!jobs.insert(created)) {
        return jobs.running().orElseThrow(() -> new IllegalStateException("a rewrap job vanished while starting"));
      }
      log.info("rewrap started job={} targetVersion={} keys={}", created.id(), created.targetVersion(), created.totalKeys());
      return created;
    });
    lastSeen = Optional.of(job);
    return job;
  }

  public RewrapJob get(String id) {
    RewrapJob job = jobs.find(id).orElseThrow(() -> DomainException.notFound("rewrap job"));
    if (lastSeen.map(j -> j.id().equals(id)).orElse(false)) {
      lastSeen = Optional.of(job);
    }
    return job;
  }

  /** The job progress metrics report: the running one, or the last one. */
  public Optional<RewrapJob> progress() {
    return lastSeen;
  }

  /**
   * Works on the running job, if any and if no other process holds it, for about
   * {@code budget}.
   *
   * @return true when the job has more keys to move (call again soon)
   */
  public boolean runPending(Duration budget) {
    Optional<RewrapJob> running = jobs.running();
    if (running.isEmpty()) {
      return false;
    }
    RewrapJob job = running.get();
    Instant now = clock.instant();
    if (!jobs.claim(job.id(), leaseOwner, now, now.plus(lease))) {
      return false; // another process is on it; the periodic resume looks again later
    }
    long deadline = System.nanoTime() + budget.toNanos();
    String cursor = job.cursor();
    long done = job.rewrappedKeys();
    while (true) {
      String from = cursor;
      Batch batch = transactions.inTransaction(() -> moveBatch(job, from));
      if (batch.failed()) {
        finish(job, RewrapJobState.FAILED, done);
        return false;
      }
      if (batch.lastId() == null) {
        finish(job, RewrapJobState.SUCCEEDED, done);
        return false;
      }
      cursor = batch.lastId();
      done += batch.moved();
      lastSeen = Optional.of(new RewrapJob(job.id(), job.targetVersion(), RewrapJobState.RUNNING, job.totalKeys(), done,
          cursor, job.startTime(), Optional.empty()));
      if (System.nanoTime() > deadline) {
        return true;
      }
    }
  }

  private record Batch(String lastId, int moved, boolean failed) {}

  private Batch moveBatch(RewrapJob job, String cursor) {
    List<DataKeyRef> next = dataKeys.nextNotUnder(job.targetVersion(), cursor, batchSize);
    if (next.isEmpty()) {
      return new Batch(null, 0, false);
    }
    List<DataKeyRef> rewrapped = new ArrayList<>(next.size());
    for (DataKeyRef key : next) {
      try {
        rewrapped.add(envelope.rewrap(key, job.targetVersion()));
      } catch (RuntimeException e) {
        log.error("rewrap cannot move a data key job={} key={} kekVersion={} cause={}", job.id(), key.id(),
            key.kekVersion(), SafeDescription.of(e));
        return new Batch(null, 0, true);
      }
    }
    int moved = dataKeys.replaceWrapped(rewrapped, job.targetVersion());
    String lastId = next.get(next.size() - 1).id();
    jobs.advance(job.id(), lastId, moved, clock.instant().plus(lease));
    return new Batch(lastId, moved, false);
  }

  private void finish(RewrapJob job, RewrapJobState state, long done) {
    Instant now = clock.instant();
    jobs.finish(job.id(), state, now);
    lastSeen = jobs.find(job.id());
    log.info("rewrap finished job={} state={} rewrapped={} total={}", job.id(), state, done, job.totalKeys());
  }
}
