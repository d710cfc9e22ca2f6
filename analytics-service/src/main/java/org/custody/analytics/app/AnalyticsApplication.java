package org.custody.analytics.app;

import java.time.Clock;
import org.custody.analytics.api.AnalyticsGrpcService;
import org.custody.analytics.budget.PrivacyBudgets;
import org.custody.analytics.store.AnalyticsStores;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.proto.analytics.v1.SurveyServiceGrpc;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;

/** The analytics service's composition root. */
public final class AnalyticsApplication {
  public static final String SERVICE = "analytics";

  private AnalyticsApplication() {}

  public static ServiceServer start(AnalyticsConfig config, DatabaseSettings database, Clock clock) {
    ServiceRuntime runtime = ServiceRuntime.open(SERVICE, config.common(), database, clock);
    AnalyticsStores stores = new AnalyticsStores(runtime.database().dsl());
    PrivacyBudgets budgets = new PrivacyBudgets(stores.budgets(), clock, config.dailyEpsilon());
    return runtime.serverBuilder()
        .addService(new AnalyticsGrpcService(budgets))
        // Implemented by the analytics issue; UNIMPLEMENTED until then.
        .addService(new SurveyServiceGrpc.SurveyServiceImplBase() {})
        .addService(new SubjectDataServiceGrpc.SubjectDataServiceImplBase() {})
        .start();
  }
}
