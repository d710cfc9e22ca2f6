package org.custody.analytics.store;

import java.time.Clock;
import org.custody.analytics.aggregate.AggregateCompactor;
import org.custody.analytics.aggregate.SpanSealer;
import org.custody.analytics.budget.BudgetStore;
import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.salt.SaltStore;
import org.custody.analytics.stats.AggregateReader;
import org.custody.analytics.survey.SurveyStore;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.DSLContext;

/** The composition root's only way to the jOOQ stores, which are package-private. */
public final class AnalyticsStores {
  private final DSLContext dsl;
  /** The platform's one transaction idiom (deadlock victims and Galera certification conflicts run again). */
  private final ThreadBoundTransactions db;
  private final JooqCompactor compactor;

  public AnalyticsStores(DSLContext dsl) {
    this.dsl = dsl;
    this.db = new ThreadBoundTransactions(dsl);
    this.compactor = new JooqCompactor(db);
  }

  public BudgetStore budgets() {
    return new JooqBudgetStore(dsl);
  }

  public SaltStore salts() {
    return new JooqSaltStore(dsl);
  }

  public JournalStore journal() {
    return new JooqJournalStore(db);
  }

  /** One per service: it serialises compactions within the process. */
  public AggregateCompactor compactor() {
    return compactor;
  }

  /** One per service, like the compactor it folds with first. */
  public SpanSealer spanSealer(Clock clock, KThreshold k) {
    return new JooqSpanSealer(db, compactor, clock, k.value());
  }

  public AggregateReader aggregates() {
    return new JooqAggregateReader(dsl);
  }

  public SurveyStore surveys() {
    return new JooqSurveyStore(db);
  }
}
