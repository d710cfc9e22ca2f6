package org.custody.disclosure.api;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.GrpcFuzzing;
import org.custody.platform.testkit.ServiceHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every method of disclosure fed fuzzer-made requests through the real server, interceptor chain and
 * database ({@link GrpcFuzzing}): raw bytes, and requests built field by field from the
 * descriptors, in one target. `mvn verify` replays the committed corpus and then fuzzes it for a
 * bounded time in its own JVM (the failsafe execution "fuzz"; see README).
 */
@ExtendWith(FreshDatabase.class)
class DisclosureFuzzIT {
  private static ServiceHarness harness;
  private static GrpcFuzzing fuzzing;

  @BeforeAll
  static void start(DatabaseSettings database) {
    harness = ServiceHarness.of(org.custody.disclosure.testing.DisclosureTestServer.start(database, org.custody.platform.testkit.MutableClock.at("2026-06-15T12:00:00Z"), java.util.Map.of()));
    fuzzing = GrpcFuzzing.of(harness, AccessPolicy.fromResource("/access-policy/disclosure.yaml"), database,
        org.custody.proto.disclosure.v1.RecipientServiceGrpc.getServiceDescriptor(), org.custody.proto.disclosure.v1.ConsentServiceGrpc.getServiceDescriptor(),
        org.custody.proto.disclosure.v1.DisclosureServiceGrpc.getServiceDescriptor(), org.custody.proto.disclosure.v1.LedgerServiceGrpc.getServiceDescriptor(),
        org.custody.proto.disclosure.v1.PolicyServiceGrpc.getServiceDescriptor(), org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc.getServiceDescriptor());
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
