package org.custody.disclosure.ledger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which subtrees RFC 6962 proofs consist of, and how a subtree's hash is made from the stored
 * perfect subtrees. Pure arithmetic: the caller fetches the {@link NodeId}s named here in one
 * query and then folds them, so a proof costs O(log n) stored hashes, never a rehash of the log.
 */
public final class TreeShape {
  private TreeShape() {}

  /** Leaves {@code [start, end)}. */
  public record Range(long start, long end) {
    public Range {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("empty or negative range");
      }
    }

    long size() {
      return end - start;
    }
  }

  /**
   * The perfect subtrees that make up {@code range}, largest first. RFC 6962 splits a tree of n
   * leaves at the largest power of two below n, so every range a proof names starts at a multiple
   * of its own largest power of two, and the greedy decomposition below is exact.
   */
  public static List<NodeId> perfectNodes(Range range) {
    List<NodeId> nodes = new ArrayList<>();
    long start = range.start();
    while (start < range.end()) {
      int level = 63 - Long.numberOfLeadingZeros(range.end() - start);
      long width = 1L << level;
      if (start % width != 0) {
        throw new IllegalArgumentException("range is not aligned as RFC 6962 proofs are: " + range);
      }
      nodes.add(new NodeId(level, start >> level));
      start += width;
    }
    return nodes;
  }

  /** MTH of {@code range}: the right fold of its perfect subtrees (RFC 6962 splits the same way). */
  public static byte[] hash(Range range, Map<NodeId, byte[]> stored) {
    List<NodeId> nodes = perfectNodes(range);
    byte[] hash = required(stored, nodes.get(nodes.size() - 1));
    for (int i = nodes.size() - 2; i >= 0; i--) {
      hash = MerkleHash.node(required(stored, nodes.get(i)), hash);
    }
    return hash;
  }

  /** The subtrees whose hashes form the audit path of leaf {@code m} in a tree of {@code n}, leaf upwards (RFC 6962 2.1.1). */
  public static List<Range> inclusionPath(long m, long n) {
    if (m < 0 || m >= n) {
      throw new IllegalArgumentException("leaf index outside the tree");
    }
    List<Range> path = new ArrayList<>();
    collectPath(m, 0, n, path);
    return path;
  }

  private static void collectPath(long m, long start, long end, List<Range> path) {
    if (end - start == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(end - start);
    if (m < start + k) {
      collectPath(m, start, start + k, path);
      path.add(new Range(start + k, end));
    } else {
      collectPath(m, start + k, end, path);
      path.add(new Range(start, start + k));
    }
  }

  /** The subtrees of a consistency proof from size {@code m} to size {@code n} (RFC 6962 2.1.2). */
  public static List<Range> consistencyPath(long m, long n) {
    if (m < 1 || m > n) {
      throw new IllegalArgumentException("sizes must satisfy 1 <= first <= second");
    }
    List<Range> path = new ArrayList<>();
    if (m < n) {
      collectSubproof(m, 0, n, true, path);
    }
    return path;
  }

  private static void collectSubproof(long m, long start, long end, boolean whole, List<Range> path) {
    long size = end - start;
    if (m == size) {
      if (!whole) {
        path.add(new Range(start, end));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(size);
    if (m <= k) {
      collectSubproof(m, start, start + k, whole, path);
      path.add(new Range(start + k, end));
    } else {
      collectSubproof(m - k, start + k, end, false, path);
      path.add(new Range(start, start + k));
    }
  }

  /** Every stored node the given ranges need, for fetching in one query. */
  public static Set<NodeId> nodesFor(List<Range> ranges) {
    Set<NodeId> nodes = new LinkedHashSet<>();
    ranges.forEach(r -> nodes.addAll(perfectNodes(r)));
    return nodes;
  }

  /** The hashes of {@code ranges}, in order. */
  public static List<byte[]> hashes(List<Range> ranges, Map<NodeId, byte[]> stored) {
    return ranges.stream().map(r -> hash(r, stored)).toList();
  }

  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static byte[] required(Map<NodeId, byte[]> stored, NodeId id) {
    byte[] hash = stored.get(id);
    if (hash == null) {
      throw new IllegalStateException("the ledger is missing node level=" + id.level() + " index=" + id.index());
    }
    return hash;
  }
}
