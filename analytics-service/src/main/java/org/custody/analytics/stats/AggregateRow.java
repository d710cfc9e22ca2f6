package org.custody.analytics.stats;

import java.time.LocalDate;

/**
 * A row as stored: a cell (DAY) or a key's total over the range (TOTAL).
 *
 * @param day the cell's day; null for a total row
 * @param visible whether the row counts as shown: a cell with at least the asked-for unique
 *     visitors; a total row with at least one such cell
 * @param views the cell's views; for a total row, the sum over its visible cells only
 * @param uniqueVisitors the cell's estimate; for a total row, the estimate of the union of its
 *     visible cells' sketches
 */
public record AggregateRow(String key, LocalDate day, boolean visible, long views, long uniqueVisitors) {}
