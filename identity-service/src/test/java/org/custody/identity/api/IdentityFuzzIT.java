package org.custody.identity.api;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.GrpcFuzzing;
import org.custody.platform.testkit.ServiceHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every method of identity fed fuzzer-made requests through the real server, interceptor chain and
 * database ({@link GrpcFuzzing}): raw bytes, and requests built field by field from the
 * descriptors, in one target. `mvn verify` replays the committed corpus and then fuzzes it for a
 * bounded time in its own JVM (the failsafe execution "fuzz"; see README).
 */
@ExtendWith(FreshDatabase.class)
class IdentityFuzzIT {
  private static ServiceHarness harness;
  private static GrpcFuzzing fuzzing;

  @BeforeAll
  static void start(DatabaseSettings database) {
    harness = IdentityTestServer.start(database, org.custody.platform.server.ServiceRuntime.systemClock()).harness;
    fuzzing = GrpcFuzzing.of(harness, AccessPolicy.fromResource("/access-policy/identity.yaml"), database,
        org.custody.proto.identity.v1.IdentityServiceGrpc.getServiceDescriptor(), org.custody.proto.identity.v1.SessionServiceGrpc.getServiceDescriptor(),
        org.custody.proto.identity.v1.SecondFactorServiceGrpc.getServiceDescriptor(), org.custody.proto.common.v1.SubjectDataServiceGrpc.getServiceDescriptor());
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
