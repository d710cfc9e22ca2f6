package org.custody.disclosure.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.custody.disclosure.ledger.LedgerEntry;
import org.custody.disclosure.ledger.TreeFrontier;

/**
 * The multi-row INSERTs of ledger entries and nodes, written out directly. They are the bulk of
 * every group commit, and every value in them is a number, a hex literal, a timestamp or an entry
 * type this service names itself (checked below), so nothing needs escaping; rendering them
 * through jOOQ's inliner cost more CPU than the rest of a decision's write.
 */
final class LedgerRowsSql {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private static final HexFormat HEX = HexFormat.of();

  private LedgerRowsSql() {}

  static String insertEntries(List<LedgerEntry> entries) {
    StringBuilder sql = new StringBuilder(entries.size() * 2048)
        .append("INSERT INTO ledger_entries (entry_index, entry_type, payload, append_time) VALUES ");
    for (int i = 0; i < entries.size(); i++) {
      LedgerEntry e = entries.get(i);
      if (!TYPE.matcher(e.type()).matches()) {
        throw new IllegalArgumentException("not an entry type");
      }
      sql.append(i == 0 ? "(" : ",(").append(e.index()).append(",'").append(e.type()).append("',X'");
      HEX.formatHex(sql, e.payload());
      sql.append("','").append(time(e.appendTime())).append("')");
    }
    return sql.toString();
  }

  static String insertNodes(List<TreeFrontier.Node> nodes) {
    StringBuilder sql = new StringBuilder(nodes.size() * 96).append("INSERT INTO ledger_nodes (last_leaf, node_level, node_hash) VALUES ");
    for (int i = 0; i < nodes.size(); i++) {
      TreeFrontier.Node n = nodes.get(i);
      sql.append(i == 0 ? "(" : ",(").append(n.id().lastLeaf()).append(',').append(n.id().level()).append(",X'");
      HEX.formatHex(sql, n.hash());
      sql.append("')");
    }
    return sql.toString();
  }

  private static String time(Instant instant) {
    return TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }
}
