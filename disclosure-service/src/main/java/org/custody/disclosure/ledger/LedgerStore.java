package org.custody.disclosure.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence of the log: entries, the perfect subtree hashes ({@link NodeId}), and the tip (the
 * latest signed tree head), which is also the lock every append takes so that appends from
 * several processes never interleave.
 */
public interface LedgerStore {
  /** A stored perfect subtree hash. */
  record StoredNode(NodeId id, byte[] hash) {}

  /** Locks the tip for the rest of {@code tx} and returns the tree size it records. */
  long lockTip(Transaction tx);

  /** Writes entries, nodes and the new tip within {@code tx}. */
  void append(Transaction tx, List<LedgerEntry> entries, List<TreeFrontier.Node> nodes, SignedTreeHead head);

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
