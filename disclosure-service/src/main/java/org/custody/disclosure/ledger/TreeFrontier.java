package org.custody.disclosure.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The right edge of the log: the perfect subtrees covering leaves {@code [0, size)}, largest
 * first (one per set bit of size). Appending a leaf merges equal-sized neighbours, which yields
 * exactly the new perfect nodes to store; the root is their right fold. At most 63 hashes.
 */
public final class TreeFrontier {
  /** A perfect subtree and its hash. */
  public record Node(NodeId id, byte[] hash) {}

  private final List<Node> nodes;
  private long size;

  private TreeFrontier(long size, List<Node> nodes) {
    this.size = size;
    this.nodes = nodes;
  }

  public static TreeFrontier empty() {
    return new TreeFrontier(0, new ArrayList<>());
  }

  /** The frontier of a tree of {@code size} leaves from its stored perfect nodes. */
  public static TreeFrontier of(long size, Map<NodeId, byte[]> stored) {
    List<Node> nodes = new ArrayList<>();
    if (size > 0) {
      for (NodeId id : TreeShape.perfectNodes(new TreeShape.Range(0, size))) {
        byte[] hash = stored.get(id);
        if (hash == null) {
          throw new IllegalStateException("the ledger is missing frontier node level=" + id.level() + " index=" + id.index());
        }
        nodes.add(new Node(id, hash));
      }
    }
    return new TreeFrontier(size, nodes);
  }

  /** The node ids {@link #of} needs. */
  public static List<NodeId> idsFor(long size) {
    return size == 0 ? List.of() : TreeShape.perfectNodes(new TreeShape.Range(0, size));
  }

  public TreeFrontier copy() {
    return new TreeFrontier(size, new ArrayList<>(nodes));
  }

  public long size() {
    return size;
  }

  /** Appends one leaf; returns the perfect nodes completed by it (the leaf itself first). */
  public List<Node> append(byte[] leafHash) {
    List<Node> created = new ArrayList<>();
    Node current = new Node(new NodeId(0, size), leafHash);
    created.add(current);
    while (!nodes.isEmpty() && nodes.get(nodes.size() - 1).id().level() == current.id().level()) {
      Node left = nodes.remove(nodes.size() - 1);
      current = new Node(new NodeId(current.id().level() + 1, left.id().index() >> 1), MerkleHash.node(left.hash(), current.hash()));
      created.add(current);
    }
    nodes.add(current);
    size++;
    return created;
  }

  /** MTH of the whole tree. */
  public byte[] root() {
    if (nodes.isEmpty()) {
      return MerkleHash.empty();
    }
    byte[] hash = nodes.get(nodes.size() - 1).hash();
    for (int i = nodes.size() - 2; i >= 0; i--) {
      hash = MerkleHash.node(nodes.get(i).hash(), hash);
    }
    return hash;
  }
}
