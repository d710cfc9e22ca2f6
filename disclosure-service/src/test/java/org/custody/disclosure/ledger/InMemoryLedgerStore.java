package org.custody.disclosure.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The ledger store as maps, for unit tests; rows can be tampered with directly. */
public final class InMemoryLedgerStore implements LedgerStore {
  public final TreeMap<Long, LedgerEntry> entries = new TreeMap<>();
  public final Map<NodeId, byte[]> nodes = new HashMap<>();
  private volatile Tip tip = new Tip(0, MerkleHash.empty(), Optional.empty());

  @Override
  public synchronized Tip tip() {
    return tip;
  }

  /** Overwrites the tip (tampering). */
  public synchronized void setTip(Tip newTip) {
    tip = newTip;
  }

  @Override
  public synchronized boolean append(long fromSize, List<LedgerEntry> newEntries, List<TreeFrontier.Node> newNodes,
      byte[] root, Optional<SignedTreeHead> head) {
    if (tip.size() != fromSize) {
      return false;
    }
    InMemoryTransactions.onCommit(() -> {
      synchronized (this) {
        newEntries.forEach(e -> {
          if (entries.putIfAbsent(e.index(), e) != null) {
            throw new IllegalStateException("duplicate entry " + e.index());
          }
        });
        newNodes.forEach(n -> nodes.put(n.id(), n.hash()));
        tip = new Tip(fromSize + newEntries.size(), root, head.isPresent() ? head : tip.signed());
      }
    });
    return true;
  }

  @Override
  public synchronized Map<NodeId, byte[]> nodes(Collection<NodeId> ids) {
    Map<NodeId, byte[]> found = new HashMap<>();
    ids.forEach(id -> {
      if (nodes.containsKey(id)) {
        found.put(id, nodes.get(id));
      }
    });
    return found;
  }

  @Override
  public synchronized List<LedgerEntry> entries(long fromIndex, int limit) {
    return entries.tailMap(fromIndex, true).values().stream().limit(limit).toList();
  }

  @Override
  public synchronized long rowsBeyondTip() {
    long size = tip.size();
    return entries.tailMap(size, true).size() + nodes.keySet().stream().filter(id -> id.lastLeaf() >= size).count();
  }

  @Override
  public synchronized List<StoredNode> nodesInAppendOrder(NodeId after, int limit) {
    Comparator<NodeId> order = Comparator.comparingLong(NodeId::lastLeaf).thenComparingInt(NodeId::level);
    List<StoredNode> all = new ArrayList<>();
    nodes.forEach((id, hash) -> {
      if (after == null || order.compare(id, after) > 0) {
        all.add(new StoredNode(id, hash));
      }
    });
    all.sort(Comparator.comparing(StoredNode::id, order));
    return all.subList(0, Math.min(limit, all.size()));
  }
}
