package org.custody.analytics.stats;

import org.custody.analytics.aggregate.Dimension;

/**
 * What to read from the aggregates.
 *
 * @param keyPrefix only keys starting with this (empty for all)
 * @param visibleFrom a cell counts as visible when its unique visitors are at least this; 0
 *     makes every cell visible
 * @param offset rows to skip, after ordering
 * @param limit most rows to return
 */
public record CellQuery(Dimension dimension, String projectId, DateRange range, String keyPrefix,
    Granularity granularity, RowOrder order, long visibleFrom, int offset, int limit) {}
