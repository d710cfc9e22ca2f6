package org.custody.analytics.api;

import org.custody.analytics.stats.Granularity;
import org.custody.analytics.stats.RowOrder;
import org.custody.analytics.stats.StatisticRow;
import org.custody.proto.analytics.v1.PageStatistic;
import org.custody.proto.analytics.v1.ReferrerStatistic;
import org.custody.proto.analytics.v1.StatisticsOrder;

/** Statistics between the contract and the domain. */
final class StatisticsMapper {
  static final int DEFAULT_PAGE_SIZE = 100;

  private StatisticsMapper() {}

  static Granularity granularity(org.custody.proto.analytics.v1.Granularity granularity) {
    return granularity == org.custody.proto.analytics.v1.Granularity.GRANULARITY_TOTAL ? Granularity.TOTAL : Granularity.DAY;
  }

  static RowOrder order(StatisticsOrder order) {
    return switch (order) {
      case STATISTICS_ORDER_UNIQUE_VISITORS_DESC -> RowOrder.UNIQUE_VISITORS_DESC;
      case STATISTICS_ORDER_PATH_ASC -> RowOrder.KEY_ASC;
      default -> RowOrder.VIEWS_DESC;
    };
  }

  static PageStatistic page(StatisticRow row) {
    return PageStatistic.newBuilder()
        .setPath(row.key())
        .setDate(row.day() == null ? "" : row.day().toString())
        .setSuppressed(row.suppressed())
        .setViews(row.views())
        .setUniqueVisitors(row.uniqueVisitors())
        .build();
  }

  static ReferrerStatistic referrer(StatisticRow row) {
    return ReferrerStatistic.newBuilder()
        .setHost(row.key())
        .setSuppressed(row.suppressed())
        .setViews(row.views())
        .setUniqueVisitors(row.uniqueVisitors())
        .build();
  }
}
