package org.custody.analytics.stats;

import java.time.LocalDate;

/**
 * A row as answered.
 *
 * @param day null for a total row
 * @param suppressed below the k-threshold: views and uniqueVisitors are then 0
 */
public record StatisticRow(String key, LocalDate day, boolean suppressed, long views, long uniqueVisitors) {}
