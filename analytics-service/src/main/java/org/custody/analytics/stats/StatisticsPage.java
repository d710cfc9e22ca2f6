package org.custody.analytics.stats;

import java.util.List;
import java.util.OptionalInt;

/**
 * One page of an answer.
 *
 * @param nextOffset where the next page starts, empty on the last page
 * @param kThreshold the k in force
 * @param epsilonSpent 0 in exact mode
 * @param budgetRemaining the project's budget left today, after this query
 */
public record StatisticsPage(List<StatisticRow> rows, OptionalInt nextOffset, int kThreshold, boolean noisy,
    double epsilonSpent, double budgetRemaining) {}
