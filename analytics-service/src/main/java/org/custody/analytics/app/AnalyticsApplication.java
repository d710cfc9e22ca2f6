package org.custody.analytics.app;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.custody.analytics.aggregate.AggregateCompactor;
import org.custody.analytics.api.AnalyticsGrpcService;
import org.custody.analytics.api.SurveyGrpcService;
import org.custody.analytics.budget.PrivacyBudgets;
import org.custody.analytics.ingest.IngestionWindow;
import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.ingest.PageViewIngestion;
import org.custody.analytics.ingest.PathNormaliser;
import org.custody.analytics.ingest.ReferrerHosts;
import org.custody.analytics.ingest.VisitorHasher;
import org.custody.analytics.metrics.AnalyticsMetrics;
import org.custody.analytics.metrics.MicrometerAnalyticsMetrics;
import org.custody.analytics.privacy.GeometricNoise;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.salt.DailySalts;
import org.custody.analytics.stats.AggregateStatistics;
import org.custody.analytics.store.AnalyticsStores;
import org.custody.analytics.subject.AnalyticsSubjectRights;
import org.custody.analytics.survey.RespondentPseudonyms;
import org.custody.analytics.survey.Surveys;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.platform.session.SessionChecks;
import org.custody.platform.subject.api.SubjectDataGrpcService;

/** The analytics service's composition root. */
public final class AnalyticsApplication {
  public static final String SERVICE = "analytics";
  /** How long request ids of recorded batches are remembered. */
  static final Duration REQUEST_ID_RETENTION = Duration.ofHours(48);

  private AnalyticsApplication() {}

  public static ServiceServer start(AnalyticsConfig config, DatabaseSettings database, Clock clock) {
    RespondentPseudonyms pseudonyms = new RespondentPseudonyms(
        config.pseudonymKey().orElseGet(() -> PseudonymKeyFile.loadOrCreate(config.common().home())));
    ServiceRuntime runtime = ServiceRuntime.open(SERVICE, config.common(), database, clock);
    AnalyticsMetrics metrics = new MicrometerAnalyticsMetrics(runtime.registry());
    AnalyticsStores stores = new AnalyticsStores(runtime.database().dsl());
    SecureRandom random = new SecureRandom();
    GeometricNoise noise = GeometricNoise.secure();
    KThreshold k = new KThreshold(config.kThreshold());

    PrivacyBudgets budgets = new PrivacyBudgets(stores.budgets(), clock, config.dailyEpsilon(), metrics);
    DailySalts salts = new DailySalts(stores.salts(), clock, random);
    JournalStore journal = stores.journal();
    PageViewIngestion ingestion = new PageViewIngestion(new PathNormaliser(), new ReferrerHosts(),
        new IngestionWindow(clock, config.maxViewAge(), config.maxClockSkew()), new VisitorHasher(salts), journal, metrics);
    AggregateCompactor compactor = stores.compactor();
    AggregateStatistics statistics = new AggregateStatistics(stores.aggregates(), compactor, budgets, noise, k, metrics);
    Surveys surveys = new Surveys(stores.surveys(), pseudonyms, budgets, noise, k, clock, random, metrics);
    AnalyticsSubjectRights subjects = new AnalyticsSubjectRights(stores.surveys(), pseudonyms, clock);

    runtime.jobs().schedule("salt-destruction", Duration.ZERO, config.saltSweepInterval(), salts::destroyExpired);
    runtime.jobs().schedule("journal-compaction", config.compactionInterval(), config.compactionInterval(),
        compactor::compactPending);
    runtime.jobs().schedule("span-sealing", Duration.ZERO, config.spanSealInterval(), stores.spanSealer(clock, k)::sealClosedDays);
    runtime.jobs().schedule("ingest-request-purge", Duration.ofMinutes(10), Duration.ofHours(1),
        () -> journal.purgeRequestKeys(clock.instant().minus(REQUEST_ID_RETENTION)));

    SessionChecks sessions = runtime.sessionChecks(config.common().sessions(), clock);
    return runtime.serverBuilder()
        .sessions(sessions)
        .closeOnShutdown(sessions)
        .addService(new AnalyticsGrpcService(ingestion, statistics, budgets, runtime.idempotency().fingerprints(), runtime.pageTokens()))
        .addService(new SurveyGrpcService(surveys, runtime.idempotency()))
        .addService(new SubjectDataGrpcService(SERVICE, subjects, runtime.idempotency(), clock))
        .start();
  }
}
