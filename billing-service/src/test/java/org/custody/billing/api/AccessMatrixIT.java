package org.custody.billing.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.custody.billing.testing.BillingTestServer;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.AccessMatrix;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.proto.billing.v1.BillingKeyServiceGrpc;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every method x caller x purpose, called over the wire: the combinations the server lets through
 * must be exactly those of the reviewed fixture {@code access-matrix/billing.txt} (P6). A change
 * of the policy file shows up here as a diff someone has to accept.
 */
@ExtendWith(FreshDatabase.class)
class AccessMatrixIT {
  private static BillingTestServer server;

  @BeforeAll
  static void start(DatabaseSettings database) {
    server = BillingTestServer.start(database, MutableClock.at("2026-03-15T10:00:00Z"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void P6_observedAccessMatrix_isTheReviewedFixture() throws IOException {
    Set<String> observed = AccessMatrix.observe(server.harness.channel(), List.of(BillingServiceGrpc.getServiceDescriptor(),
        BillingKeyServiceGrpc.getServiceDescriptor(), SubjectDataServiceGrpc.getServiceDescriptor()));
    Files.writeString(Path.of("target/access-matrix-billing.txt"), String.join("\n", observed) + "\n");
    assertThat(observed).as("observed matrix (fresh copy in target/access-matrix-billing.txt)")
        .isEqualTo(AccessMatrix.fixture("/access-matrix/billing.txt"));
  }
}
