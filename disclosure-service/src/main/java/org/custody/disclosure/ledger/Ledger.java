package org.custody.disclosure.ledger;

import org.custody.platform.db.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.custody.platform.errors.DomainException;

/**
 * The append-only, tamper-evident log of everything the disclosure service decides and releases
 * (RFC 6962 Merkle tree, Ed25519-signed tree heads). Writes go through {@link #write}, which
 * commits a change's rows and its entries together (group-committed with concurrent writes).
 */
public final class Ledger implements AutoCloseable {
  private static final int VERIFY_PAGE = 10_000;
  /**
   * Nodes this high (each covering at least 256 entries) are kept in memory once read: a proof's
   * upper nodes lie far apart in the table, while its lower ones sit next to the leaf, in one or
   * two pages. Stored nodes never change, so the cache needs no invalidation; it holds n/128 nodes
   * for a log of n entries, up to {@link #CACHE_LIMIT}.
   */
  private static final int CACHED_LEVEL = 8;
  private static final int CACHE_LIMIT = 1_000_000;

  private final LedgerStore store;
  private final TreeHeadSigner signer;
  private final Clock clock;
  private final LedgerWriter writer;
  private final AtomicLong size = new AtomicLong();
  private final Map<NodeId, byte[]> upperNodes = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param maxBatch the most writes one transaction may carry
   * @param signInterval under load, how long the newest entries may wait for a signed head
   */
  public Ledger(Transactions transactions, LedgerStore store, TreeHeadSigner signer, Clock clock, int maxBatch, Duration signInterval) {
    this.store = store;
    this.signer = signer;
    this.clock = clock;
    this.size.set(store.tip().size());
    this.writer = new LedgerWriter(transactions, store, signer, clock, maxBatch, signInterval, size::set);
  }

  public Ledger(Transactions transactions, LedgerStore store, TreeHeadSigner signer, Clock clock, int maxBatch) {
    this(transactions, store, signer, clock, maxBatch, Duration.ofMillis(250));
  }

  /** Commits {@code write} (its rows and its entries) and returns its result. */
  public <R> R write(LedgerWrite<R> write) {
    return writer.write(write);
  }

  /** Entries known to this process (updated by its own appends; {@link #latestHead()} reads the database). */
  public long size() {
    return size.get();
  }

  public TreeHeadSigner signer() {
    return signer;
  }

  /** The latest signed tree head; for an empty log, a freshly signed head of size 0. */
  public SignedTreeHead latestHead() {
    return store.tip().signed().orElseGet(() -> signer.sign(0, MerkleHash.empty(), clock.instant()));
  }

  /** A signed head covering entry {@code index}: the latest, or one signed now if the latest is older than the entry. */
  public SignedTreeHead headCovering(long index) {
    SignedTreeHead head = latestHead();
    return head.treeSize() > index ? head : writer.signNow();
  }

  /** The audit path of {@code leafIndex} in the tree of {@code treeSize} (0: the latest head's size). */
  public InclusionProof inclusionProof(long leafIndex, long treeSize) {
    return inclusionProofs(List.of(leafIndex), treeSize).get(0);
  }

  /** Several audit paths in the same tree, from one read of the stored nodes. */
  public List<InclusionProof> inclusionProofs(List<Long> leafIndexes, long treeSize) {
    long n = checkedSize(treeSize);
    Set<NodeId> needed = new LinkedHashSet<>();
    List<List<TreeShape.Range>> paths = new ArrayList<>();
    for (long leafIndex : leafIndexes) {
      if (leafIndex >= n) {
        throw DomainException.invalidField("leaf_index", "must be less than the tree size " + n);
      }
      List<TreeShape.Range> path = TreeShape.inclusionPath(leafIndex, n);
      paths.add(path);
      needed.add(new NodeId(0, leafIndex));
      needed.addAll(TreeShape.nodesFor(path));
    }
    Map<NodeId, byte[]> nodes = nodes(needed);
    List<InclusionProof> proofs = new ArrayList<>();
    for (int i = 0; i < leafIndexes.size(); i++) {
      long leafIndex = leafIndexes.get(i);
      byte[] leaf = nodes.get(new NodeId(0, leafIndex));
      if (leaf == null) {
        throw new IllegalStateException("the ledger is missing leaf " + leafIndex);
      }
      proofs.add(new InclusionProof(leafIndex, n, leaf, TreeShape.hashes(paths.get(i), nodes)));
    }
    return proofs;
  }

  /** The proof that the tree of {@code secondSize} extends the tree of {@code firstSize}. */
  public ConsistencyProof consistencyProof(long firstSize, long secondSize) {
    long n = checkedSize(secondSize);
    if (firstSize < 1 || firstSize > n) {
      throw DomainException.invalidField("first_size", "must be between 1 and second_size");
    }
    List<TreeShape.Range> path = TreeShape.consistencyPath(firstSize, n);
    return new ConsistencyProof(firstSize, n, TreeShape.hashes(path, nodes(TreeShape.nodesFor(path))));
  }

  /** The root of the tree of {@code treeSize} (for checking proofs against older heads). */
  public byte[] rootAt(long treeSize) {
    long n = checkedSize(treeSize);
    if (n == 0) {
      return MerkleHash.empty();
    }
    TreeShape.Range all = new TreeShape.Range(0, n);
    return TreeShape.hash(all, nodes(TreeShape.perfectNodes(all)));
  }

  public List<LedgerEntry> entries(long fromIndex, int limit) {
    return store.entries(fromIndex, limit);
  }

  /**
   * Recomputes the whole log from the stored entries and checks it, and every stored node, against
   * the latest signed head. Appends may go on meanwhile: the entries and nodes the head covers are
   * checked, then one statement makes sure no row lies beyond the tip at its moment (entries and
   * tip are only ever written together, so such a row was inserted behind the ledger's back).
   */
  public Verification verify() {
    return verify(VerificationProgress.NONE);
  }

  /** As {@link #verify()}, telling {@code progress} after each page of entries checked. */
  public Verification verify(VerificationProgress progress) {
    LedgerStore.Tip tip = store.tip();
    SignedTreeHead head = tip.signed().orElseGet(() -> signer.sign(0, MerkleHash.empty(), clock.instant()));
    long n = tip.size();
    progress.checked(0, n);
    Verification result = LedgerVerifier.verify(
        paged(last -> {
          if (last != null) {
            progress.checked(last.index() + 1, n);
          }
          return store.entries(last == null ? 0 : last.index() + 1, VERIFY_PAGE).stream().filter(e -> e.index() < n).toList();
        }),
        paged(last -> store.nodesInAppendOrder(last == null ? null : last.id(), VERIFY_PAGE).stream()
            .filter(node -> node.id().lastLeaf() < n).toList()),
        head, signer.publicKey(), Optional.of(new LedgerVerifier.Tail(n, tip.root())));
    if (result.valid()) {
      long beyond = store.rowsBeyondTip();
      if (beyond > 0) {
        return Verification.failed(result.treeSize(), result.rootHash(), beyond + " stored rows lie beyond the signed tree head: rows were inserted");
      }
    }
    return result;
  }

  /** Stored nodes, the upper ones from memory when read before. */
  private Map<NodeId, byte[]> nodes(java.util.Collection<NodeId> ids) {
    Map<NodeId, byte[]> found = new java.util.HashMap<>();
    List<NodeId> missing = new ArrayList<>();
    for (NodeId id : ids) {
      byte[] cached = id.level() >= CACHED_LEVEL ? upperNodes.get(id) : null;
      if (cached != null) {
        found.put(id, cached);
      } else {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      store.nodes(missing).forEach((id, hash) -> {
        found.put(id, hash);
        if (id.level() >= CACHED_LEVEL && upperNodes.size() < CACHE_LIMIT) {
          upperNodes.put(id, hash);
        }
      });
    }
    return found;
  }

  /** {@code treeSize}, or the latest signed head's size for 0; never beyond the entries appended. */
  private long checkedSize(long treeSize) {
    if (treeSize == 0) {
      return latestHead().treeSize();
    }
    // This process's own appends need no look-up; a larger size may come from another instance.
    long appended = treeSize <= size.get() ? size.get() : store.tip().size();
    if (treeSize > appended) {
      throw DomainException.invalidField("tree_size", "must not exceed the tree size " + appended);
    }
    return treeSize;
  }

  /** Pages through a keyed sequence; {@code nextPage} gets the last item seen (null at first). */
  private static <T> Iterator<T> paged(Function<T, List<T>> nextPage) {
    return new Iterator<>() {
      private List<T> current = nextPage.apply(null);
      private int position;

      @Override
      public boolean hasNext() {
        if (position < current.size()) {
          return true;
        }
        if (current.size() < VERIFY_PAGE) {
          return false;
        }
        current = nextPage.apply(current.get(current.size() - 1));
        position = 0;
        return !current.isEmpty();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.get(position++);
      }
    };
  }

  @Override
  public void close() {
    writer.close();
  }
}
