package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.AccessMatrix;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * P6: every method is called by every test caller for every purpose, with an empty request, and
 * the observed allow/deny matrix must equal the checked-in fixture. An allowed call gets past
 * access control (and then fails validation); a refused one is PERMISSION_DENIED with a policy
 * reason.
 */
@ExtendWith(FreshDatabase.class)
class AccessPolicyIT {
  private static IdentityTestServer identity;

  @BeforeAll
  static void start(DatabaseSettings database) {
    identity = IdentityTestServer.start(database, ServiceRuntime.systemClock());
  }

  @AfterAll
  static void stop() {
    identity.close();
  }

  @Test
  void P6_observedAccessMatrix_equalsTheFixture() {
    assertThat(AccessMatrix.observe(identity.harness.channel(), List.of(IdentityServiceGrpc.getServiceDescriptor(),
        SessionServiceGrpc.getServiceDescriptor(), org.custody.proto.identity.v1.SecondFactorServiceGrpc.getServiceDescriptor(),
        SubjectDataServiceGrpc.getServiceDescriptor())))
        .isEqualTo(AccessMatrix.fixture("/access-matrix/identity.txt"));
  }
}
