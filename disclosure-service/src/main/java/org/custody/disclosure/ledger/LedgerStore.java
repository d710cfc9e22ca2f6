package org.custody.disclosure.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence of the log: entries, the perfect subtree hashes ({@link NodeId}), and the tip (the
 * latest signed tree head). Appends from several processes never interleave: an append moves the
 * tip only from the size it started from, and fails otherwise.
 */
public interface LedgerStore {
  /** A stored perfect subtree hash. */
  record StoredNode(NodeId id, byte[] hash) {}

  /** The tree size the tip records now. */
  long tipSize();

  /**
   * Within {@code tx}, moves the tip from {@code fromSize} to {@code head} and writes the entries
   * and nodes in between, together with whatever the transaction has queued. Returns false (and
   * the caller must roll back) if the tip is no longer at {@code fromSize}: another process appended.
   */
  boolean append(Transaction tx, long fromSize, List<LedgerEntry> entries, List<TreeFrontier.Node> nodes, SignedTreeHead head);

  /** The latest signed tree head; empty before the first append. */
  Optional<SignedTreeHead> tip();

  /** The stored hashes of {@code ids} (those that exist). */
  Map<NodeId, byte[]> nodes(Collection<NodeId> ids);

  /** Entries from {@code fromIndex}, in index order, at most {@code limit}. */
  List<LedgerEntry> entries(long fromIndex, int limit);

  /** Entries and nodes beyond the tree size the tip records, counted in one statement (a consistent moment). */
  long rowsBeyondTip();

  /** Stored nodes in the order appends create them (by last leaf, then level), after {@code after} (null: from the start). */
  List<StoredNode> nodesInAppendOrder(NodeId after, int limit);
}
