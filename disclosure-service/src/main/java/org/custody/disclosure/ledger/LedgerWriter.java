package org.custody.disclosure.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.custody.platform.db.RollbackVictims;
import org.custody.platform.db.Transactions;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.errors.SafeDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the log. Callers hand in writes and block; one thread takes whatever has queued
 * up while the previous transaction was in flight and commits it as one transaction: run the
 * writes, then send their rows, their entries, the new perfect nodes and the new tip together (one
 * round trip), the tip moving only from the size this process knows, and commit. Under load many
 * writes share one commit (one fsync); alone, a write commits at once. If another process appended
 * meanwhile, the batch is rolled back and run again on the reloaded tree. If a batch fails, each of
 * its writes is retried alone so one bad write cannot fail its neighbours.
 *
 * <p>Signing a head (Ed25519) costs more than a whole batch of decisions, so the tip is signed at
 * most every {@code signInterval}: a batch is signed when the last signature is older than that,
 * or when a caller asks for a head covering a fresh entry; a tip left unsigned is signed as soon
 * as no write came for the interval, and at start the tip a killed process left unsigned is signed
 * before anything else. So the latest signed head is never more than about one interval behind
 * the log, crash or not. Only this thread signs, and only roots it computed itself, never one
 * read back from the database.
 */
final class LedgerWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);
  /** How many times a batch is redone on a tip another process moved before it fails. */
  private static final int MAX_ATTEMPTS = 50;

  private final Transactions transactions;
  private final LedgerStore store;
  private final TreeHeadSigner signer;
  private final Clock clock;
  private final int maxBatch;
  private final Duration signInterval;
  private final LongConsumer sizeListener;
  private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;
  /** The right edge as of the last commit; null when it must be reloaded. Writer thread only. */
  private TreeFrontier frontier;
  /** When this thread last stored a signed head; null when unknown. Writer thread only. */
  private Instant lastSigned;
  /** Whether entries were committed after the last signed head. Writer thread only. */
  private boolean unsignedTail;

  LedgerWriter(Transactions transactions, LedgerStore store, TreeHeadSigner signer, Clock clock, int maxBatch, Duration signInterval,
      LongConsumer sizeListener) {
    this.transactions = transactions;
    this.store = store;
    this.signer = signer;
    this.clock = clock;
    this.maxBatch = maxBatch;
    this.signInterval = signInterval;
    this.sizeListener = sizeListener;
    this.thread = new Thread(this::loop, "disclosure-ledger-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Runs {@code write} in the next batch and returns its result once committed. */
  <R> R write(LedgerWrite<R> write) {
    return submit(new Pending<>(write, false));
  }

  /** Signs the current tip now (if it is not signed yet) and returns the stored signed head. */
  SignedTreeHead signNow() {
    return submit(new Pending<SignedTreeHead>(batch -> null, true));
  }

  private <R> R submit(Pending<R> pending) {
    if (closed) {
      throw DomainException.of(ErrorKind.UNAVAILABLE, "LEDGER_CLOSED", "the ledger is shutting down; retry");
    }
    queue.add(pending);
    try {
      return pending.result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DomainException.of(ErrorKind.UNAVAILABLE, "LEDGER_INTERRUPTED", "interrupted while waiting for the ledger; retry");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void loop() {
    signWhatAnEarlierProcessLeftUnsigned();
    List<Pending<?>> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending<?> first = queue.poll(Math.max(1, Math.min(200, signInterval.toMillis())), TimeUnit.MILLISECONDS);
        if (first == null) {
          if (unsignedTail && !closed) {
            commitOrRetryAlone(List.of(new Pending<SignedTreeHead>(b -> null, true)));
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        commitOrRetryAlone(batch);
      } catch (InterruptedException e) {
        if (closed) {
          break;
        }
      } catch (RuntimeException | Error e) {
        // Never let the writer thread die: every pending write must get an answer.
        log.error("ledger writer failure cause={}", SafeDescription.of(e));
        batch.forEach(p -> p.result.completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
    Pending<?> left;
    while ((left = queue.poll()) != null) {
      left.result.completeExceptionally(DomainException.of(ErrorKind.UNAVAILABLE, "LEDGER_CLOSED", "the ledger is shutting down; retry"));
    }
  }

  /**
   * A process killed between committing entries and signing a head over them left them without
   * one (no inclusion proof for an acknowledged {@code ledger_index}): sign the tip before the
   * first write. If the database does not answer yet, the tip stays marked unsigned and the idle
   * path signs it as soon as it does.
   */
  private void signWhatAnEarlierProcessLeftUnsigned() {
    unsignedTail = true;
    try {
      LedgerStore.Tip tip = store.tip();
      long signedSize = tip.signed().map(SignedTreeHead::treeSize).orElse(0L);
      if (tip.size() <= signedSize) {
        unsignedTail = false;
        return;
      }
      log.info("signing the ledger tip an earlier process left unsigned treeSize={} signedTreeSize={}", tip.size(), signedSize);
      commitOrRetryAlone(List.of(new Pending<SignedTreeHead>(b -> null, true)));
    } catch (RuntimeException e) {
      log.warn("cannot sign the ledger tip at start yet; retrying when idle cause={}", SafeDescription.of(e));
    }
  }

  private void commitOrRetryAlone(List<Pending<?>> batch) {
    try {
      commit(batch);
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).result.completeExceptionally(e);
        return;
      }
      for (Pending<?> pending : batch) {
        try {
          commit(List.of(pending));
        } catch (RuntimeException alone) {
          pending.result.completeExceptionally(alone);
        }
      }
    }
  }

  private void commit(List<Pending<?>> batch) {
    for (int attempt = 1; ; attempt++) {
      if (frontier == null) {
        frontier = load(store.tip().size());
        lastSigned = null;
      }
      try {
        commitOn(frontier, batch);
        return;
      } catch (RuntimeException e) {
        // Another process appended (its rows may also have collided with ours), or a Galera node
        // certified a conflicting write first (our transaction was rolled back whole): reload and redo.
        TreeFrontier stale = frontier;
        frontier = null;
        boolean redo = e instanceof TipMoved || RollbackVictims.isVictim(e) || store.tip().size() != stale.size();
        if (!redo) {
          throw e;
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw new IllegalStateException("the ledger tip kept moving; gave up after " + MAX_ATTEMPTS + " attempts");
        }
        backOff(attempt);
      }
    }
  }

  private void commitOn(TreeFrontier base, List<Pending<?>> batch) {
    Instant time = clock.instant().truncatedTo(ChronoUnit.MICROS);
    boolean forced = batch.stream().anyMatch(p -> p.signNow);
    // One transaction, bound to this thread: the stores the writes call join it without being handed
    // anything. If it is run again (a rollback victim), it starts again from base.
    Committed committed = transactions.inTransaction(() -> {
      Batch open = new Batch(base.copy(), time);
      List<Object> results = new ArrayList<>(batch.size());
      for (Pending<?> pending : batch) {
        results.add(pending.write.apply(open));
      }
      Optional<SignedTreeHead> head = Optional.empty();
      boolean due = lastSigned == null || !time.isBefore(lastSigned.plus(signInterval));
      if (!open.entries.isEmpty() || forced) {
        if (forced || due) {
          head = Optional.of(signer.sign(open.frontier.size(), open.frontier.root(), time));
        }
        store.deferTexts(open.texts);
        if (!store.append(base.size(), open.entries, open.nodes, open.frontier.root(), head)) {
          throw new TipMoved();
        }
      }
      return new Committed(open.frontier, results, head);
    });
    if (committed.frontier.size() != base.size()) {
      unsignedTail = committed.head.isEmpty();
    }
    committed.head.ifPresent(h -> {
      lastSigned = h.timestamp();
      unsignedTail = false;
    });
    frontier = committed.frontier;
    sizeListener.accept(committed.frontier.size());
    for (int i = 0; i < batch.size(); i++) {
      Pending<?> pending = batch.get(i);
      complete(pending, pending.signNow ? committed.head.orElseThrow() : committed.results.get(i));
    }
  }

  @SuppressWarnings("unchecked")
  private static <R> void complete(Pending<R> pending, Object result) {
    pending.result.complete((R) result);
  }

  /**
   * Two instances appending at full speed lose the race to each other in turn; a short random
   * pause, growing with the attempts, lets one of them through (ten immediate attempts were not
   * always enough with two disclosure instances under load).
   */
  private static void backOff(int attempt) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 10) * 5L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private TreeFrontier load(long size) {
    return TreeFrontier.of(size, store.nodes(TreeFrontier.idsFor(size)));
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Committed(TreeFrontier frontier, List<Object> results, Optional<SignedTreeHead> head) {}

  /** The tip was not where this process left it: another process appended. */
  private static final class TipMoved extends RuntimeException {
    TipMoved() {
      super("the ledger tip moved", null, false, false);
    }
  }

  private static final class Pending<R> {
    final LedgerWrite<R> write;
    final boolean signNow;
    final CompletableFuture<R> result = new CompletableFuture<>();

    Pending(LedgerWrite<R> write, boolean signNow) {
      this.write = write;
      this.signNow = signNow;
    }
  }

  /** One transaction's worth of appends. */
  private static final class Batch implements LedgerBatch {
    private final TreeFrontier frontier;
    private final Instant time;
    final List<LedgerEntry> entries = new ArrayList<>();
    final List<TreeFrontier.Node> nodes = new ArrayList<>();
    final List<LedgerText.Row> texts = new ArrayList<>();

    Batch(TreeFrontier frontier, Instant time) {
      this.frontier = frontier;
      this.time = time;
    }

    @Override
    public Instant time() {
      return time;
    }

    @Override
    public long append(String type, Map<String, ?> body) {
      long index = frontier.size();
      LedgerEntry entry = new LedgerEntry(index, type, EntryPayload.encode(index, type, time, body, texts), time);
      entries.add(entry);
      nodes.addAll(frontier.append(entry.leafHash()));
      return index;
    }
  }
}
