package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.LEDGER_ENTRIES;
import static org.custody.disclosure.store.generated.Tables.LEDGER_NODES;
import static org.custody.disclosure.store.generated.Tables.LEDGER_TEXTS;
import static org.custody.disclosure.store.generated.Tables.LEDGER_TIP;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custody.disclosure.ledger.LedgerEntry;
import org.custody.disclosure.ledger.LedgerStore;
import org.custody.disclosure.ledger.LedgerText;
import org.custody.disclosure.ledger.NodeId;
import org.custody.disclosure.ledger.SignedTreeHead;
import org.custody.disclosure.ledger.TreeFrontier;
import org.custody.disclosure.store.generated.tables.records.LedgerTipRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

final class JooqLedgerStore implements LedgerStore {
  private static final byte TIP = 1;
  /** At most 1,000 rows per INSERT: large bulk appends stay well under max_allowed_packet. */
  private static final RowShape ENTRY_ROWS = RowShape.of(LEDGER_ENTRIES, 1000,
      LEDGER_ENTRIES.ENTRY_INDEX, LEDGER_ENTRIES.ENTRY_TYPE, LEDGER_ENTRIES.PAYLOAD, LEDGER_ENTRIES.APPEND_TIME);
  private static final RowShape TEXT_ROWS = RowShape.of(LEDGER_TEXTS, 1000,
      LEDGER_TEXTS.ENTRY_INDEX, LEDGER_TEXTS.FIELD_PATH, LEDGER_TEXTS.SUBJECT_ID, LEDGER_TEXTS.TEXT_VALUE, LEDGER_TEXTS.HMAC_KEY);
  private static final RowShape NODE_ROWS = RowShape.of(LEDGER_NODES, 1000,
      LEDGER_NODES.LAST_LEAF, LEDGER_NODES.NODE_LEVEL, LEDGER_NODES.NODE_HASH);

  private final StoreContext db;

  JooqLedgerStore(StoreContext db) {
    this.db = db;
  }

  @Override
  public Tip tip() {
    LedgerTipRecord r = db.dsl().selectFrom(LEDGER_TIP).where(LEDGER_TIP.ID.eq(TIP)).fetchSingle();
    Optional<SignedTreeHead> signed = r.getSignature() == null ? Optional.empty()
        : Optional.of(new SignedTreeHead(r.getSignedSize(), r.getSignedRoot(), r.getHeadTime(), r.getSignature(), r.getKeyId()));
    return new Tip(r.getTreeSize(), r.getRootHash(), signed);
  }

  @Override
  public boolean append(long fromSize, List<LedgerEntry> entries, List<TreeFrontier.Node> nodes, byte[] root,
      Optional<SignedTreeHead> head) {
    // The tip moves first: it row-locks the tip, so a concurrent appender from another process waits
    // here and then finds the size changed (0 rows) instead of interleaving its entries with ours.
    StatementQueue queue = db.writerQueue();
    int tip;
    var moved = DSL.update(LEDGER_TIP).set(LEDGER_TIP.TREE_SIZE, fromSize + entries.size()).set(LEDGER_TIP.ROOT_HASH, root);
    if (head.isPresent()) {
      SignedTreeHead h = head.get();
      moved = moved.set(LEDGER_TIP.SIGNED_SIZE, h.treeSize()).set(LEDGER_TIP.SIGNED_ROOT, h.rootHash())
          .set(LEDGER_TIP.HEAD_TIME, h.timestamp()).set(LEDGER_TIP.SIGNATURE, h.signature()).set(LEDGER_TIP.KEY_ID, h.keyId());
    }
    tip = queue.add(moved.where(LEDGER_TIP.ID.eq(TIP), LEDGER_TIP.TREE_SIZE.eq(fromSize)));
    for (LedgerEntry e : entries) {
      queue.addRow(ENTRY_ROWS, new Object[] {e.index(), e.type(), e.payload(), e.appendTime()});
    }
    for (TreeFrontier.Node n : nodes) {
      queue.addRow(NODE_ROWS, new Object[] {n.id().lastLeaf(), (byte) n.id().level(), n.hash()});
    }
    return queue.flush()[tip] == 1;
  }

  @Override
  public void deferTexts(List<LedgerText.Row> rows) {
    StatementQueue queue = db.writerQueue();
    for (LedgerText.Row r : rows) {
      queue.addRow(TEXT_ROWS, new Object[] {r.entryIndex(), r.fieldPath(), r.subjectId(), r.text(), r.key()});
    }
  }

  @Override
  public Map<NodeId, byte[]> nodes(Collection<NodeId> ids) {
    Map<NodeId, byte[]> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    // Several levels share a last leaf; ask by last leaf (the key's first column) and keep the
    // levels asked for.
    Set<Long> lastLeaves = new HashSet<>();
    Set<NodeId> wanted = new HashSet<>(ids);
    ids.forEach(id -> lastLeaves.add(id.lastLeaf()));
    db.dsl().select(LEDGER_NODES.LAST_LEAF, LEDGER_NODES.NODE_LEVEL, LEDGER_NODES.NODE_HASH).from(LEDGER_NODES)
        .where(LEDGER_NODES.LAST_LEAF.in(lastLeaves))
        .forEach(r -> {
          NodeId id = NodeId.ofLastLeaf(r.value1(), r.value2());
          if (wanted.contains(id)) {
            found.put(id, r.value3());
          }
        });
    return found;
  }

  @Override
  public List<LedgerEntry> entries(long fromIndex, int limit) {
    return db.dsl().selectFrom(LEDGER_ENTRIES).where(LEDGER_ENTRIES.ENTRY_INDEX.ge(fromIndex)).orderBy(LEDGER_ENTRIES.ENTRY_INDEX)
        .limit(limit)
        .fetch(r -> new LedgerEntry(r.getEntryIndex(), r.getEntryType(), r.getPayload(), r.getAppendTime()));
  }

  @Override
  public long rowsBeyondTip() {
    Object beyond = db.dsl().fetchValue("SELECT (SELECT COUNT(*) FROM ledger_entries WHERE entry_index >= t.tree_size)"
        + " + (SELECT COUNT(*) FROM ledger_nodes WHERE last_leaf >= t.tree_size) FROM ledger_tip t WHERE t.id = 1");
    return beyond == null ? 0 : ((Number) beyond).longValue();
  }

  @Override
  public List<StoredNode> nodesInAppendOrder(NodeId after, int limit) {
    var query = db.dsl().select(LEDGER_NODES.LAST_LEAF, LEDGER_NODES.NODE_LEVEL, LEDGER_NODES.NODE_HASH).from(LEDGER_NODES);
    var filtered = after == null ? query.where()
        : query.where(LEDGER_NODES.LAST_LEAF.gt(after.lastLeaf())
            .or(LEDGER_NODES.LAST_LEAF.eq(after.lastLeaf()).and(LEDGER_NODES.NODE_LEVEL.gt((byte) after.level()))));
    List<StoredNode> nodes = new ArrayList<>(limit);
    filtered.orderBy(LEDGER_NODES.LAST_LEAF, LEDGER_NODES.NODE_LEVEL).limit(limit)
        .forEach(r -> nodes.add(new StoredNode(NodeId.ofLastLeaf(r.value1(), r.value2()), r.value3())));
    return nodes;
  }
}
