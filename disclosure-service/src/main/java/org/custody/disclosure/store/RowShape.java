package org.custody.disclosure.store;

/**
 * A table's multi-row INSERT written out by hand: the statement up to {@code VALUES}, how many
 * values a row has, and how many rows one statement may carry (so large bulk appends stay well
 * under max_allowed_packet). The hot writes (decisions and their ledger rows) go through these
 * instead of jOOQ's renderer, which cost more CPU than the rest of a decision's write; values are
 * written as {@link SqlLiterals}.
 */
record RowShape(String head, int columns, int maxRows) {
  RowShape {
    if (!head.endsWith(" VALUES ")) {
      throw new IllegalArgumentException("a row shape's head ends with VALUES");
    }
  }
}
