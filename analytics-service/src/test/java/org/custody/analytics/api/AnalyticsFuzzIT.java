package org.custody.analytics.api;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.GrpcFuzzing;
import org.custody.platform.testkit.ServiceHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every method of analytics fed fuzzer-made requests through the real server, interceptor chain and
 * database ({@link GrpcFuzzing}): raw bytes, and requests built field by field from the
 * descriptors, in one target. `mvn verify` replays the committed corpus and then fuzzes it for a
 * bounded time in its own JVM (the failsafe execution "fuzz"; see README).
 */
@ExtendWith(FreshDatabase.class)
class AnalyticsFuzzIT {
  private static ServiceHarness harness;
  private static GrpcFuzzing fuzzing;

  @BeforeAll
  static void start(DatabaseSettings database) {
    harness = org.custody.analytics.testing.AnalyticsTestServer.start(database, org.custody.platform.testkit.MutableClock.at("2026-06-15T12:00:00Z"));
    fuzzing = GrpcFuzzing.of(harness, AccessPolicy.fromResource("/access-policy/analytics.yaml"), database,
        org.custody.proto.analytics.v1.AnalyticsServiceGrpc.getServiceDescriptor(), org.custody.proto.analytics.v1.SurveyServiceGrpc.getServiceDescriptor(),
        org.custody.proto.common.v1.SubjectDataServiceGrpc.getServiceDescriptor());
  }

  @AfterAll
  static void stop() {
    try {
      fuzzing.close();
    } finally {
      harness.close();
    }
  }

  /** Raw bytes or a structured request ({@link GrpcFuzzing#request}); CI fuzzes it for 30 s (see README). */
  @FuzzTest(maxDuration = "30s")
  void requests(FuzzedDataProvider data) {
    fuzzing.request(data);
  }
}
