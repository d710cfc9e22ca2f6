package org.custody.disclosure.ledger;

/**
 * A perfect subtree of the log: the {@code 2^level} leaves starting at {@code index * 2^level}.
 * Level 0 nodes are the leaves themselves. Perfect subtrees never change once their last leaf is
 * appended, so the ledger stores their hashes and builds any proof from O(log n) of them.
 */
public record NodeId(int level, long index) {
  public NodeId {
    if (level < 0 || level > 62 || index < 0) {
      throw new IllegalArgumentException("no such node");
    }
  }

  public long firstLeaf() {
    return index << level;
  }

  /** The leaf whose append completed this node; with the level it is the node's storage key. */
  public long lastLeaf() {
    return ((index + 1) << level) - 1;
  }

  public static NodeId ofLastLeaf(long lastLeaf, int level) {
    return new NodeId(level, ((lastLeaf + 1) >> level) - 1);
  }
}
