package org.custody.disclosure.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence of the log: entries, the perfect subtree hashes ({@link NodeId}), and the tip — the
 * current size and root, and the latest signed head (which may cover a little less under load).
 * Appends from several processes never interleave: an append moves the tip only from the size it
 * started from, and fails otherwise.
 */
public interface LedgerStore {
  /** A stored perfect subtree hash. */
  record StoredNode(NodeId id, byte[] hash) {}

  /**
   * The tip.
   *
   * @param size entries appended
   * @param root the root over them (as written by the appender; the signature is what vouches for it)
   * @param signed the latest signed head (empty before the first)
   */
  record Tip(long size, byte[] root, Optional<SignedTreeHead> signed) {}

  Tip tip();

  /**
   * Within the ledger writer's transaction (bound to its thread), moves the tip from {@code fromSize} to the size after {@code entries} with
   * root {@code root} (and the signed head, when given), writing the entries and nodes, together
   * with whatever the transaction has held back. Returns false (the caller must roll back) if the tip
   * is no longer at {@code fromSize}: another process appended.
   */
  boolean append(long fromSize, List<LedgerEntry> entries, List<TreeFrontier.Node> nodes, byte[] root,
      Optional<SignedTreeHead> head);

  /**
   * Queues, within the ledger writer's transaction, the free text the next appended entries commit to, for the
   * ordinary table erasure and retention delete from; written by the next {@link #append}.
   */
  default void deferTexts(List<LedgerText.Row> rows) {}

  /** The stored hashes of {@code ids} (those that exist). */
  Map<NodeId, byte[]> nodes(Collection<NodeId> ids);

  /** Entries from {@code fromIndex}, in index order, at most {@code limit}. */
  List<LedgerEntry> entries(long fromIndex, int limit);

  /** Entries and nodes beyond the tree size the tip records, counted in one statement (a consistent moment). */
  long rowsBeyondTip();

  /** Stored nodes in the order appends create them (by last leaf, then level), after {@code after} (null: from the start). */
  List<StoredNode> nodesInAppendOrder(NodeId after, int limit);
}
