package org.custody.billing.testing;

import io.grpc.Channel;
import io.grpc.stub.AbstractStub;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.custody.billing.app.BillingApplication;
import org.custody.billing.app.BillingConfig;
import org.custody.billing.app.KekSource;
import org.custody.billing.invoice.RetentionPolicy;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.Purpose;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestSessions;
import org.custody.platform.testkit.TestStaffAccess;
import org.custody.proto.billing.v1.BillingKeyServiceGrpc;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;

/** The billing service on a real port against a test database, with a clock the test moves. */
public final class BillingTestServer implements AutoCloseable {
  private static final AccessPolicy POLICY = AccessPolicy.fromResource("/access-policy/billing.yaml");
  public final DatabaseSettings database;
  public final MutableClock clock;
  public final ServiceHarness harness;
  /** The identity billing checks the front end's sessions with. */
  public final TestSessions sessions;
  /** The disclosure service billing records staff reads with. */
  public final TestStaffAccess staffAccess;

  private BillingTestServer(DatabaseSettings database, MutableClock clock, ServiceHarness harness, TestSessions sessions,
      TestStaffAccess staffAccess) {
    this.database = database;
    this.clock = clock;
    this.harness = harness;
    this.sessions = sessions;
    this.staffAccess = staffAccess;
  }

  public static BillingConfig config(DatabaseSettings database, String kekJson, int rewrapBatchSize) {
    CommonConfig common = new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), Optional.of(database), Path.of("target"));
    return new BillingConfig(common, new KekSource.Inline(kekJson), new RetentionPolicy(10, RetentionPolicy.DEFAULT_LEGAL_BASIS),
        Duration.ofHours(24), rewrapBatchSize);
  }

  public static BillingTestServer start(DatabaseSettings database, MutableClock clock) {
    return start(database, clock, config(database, TestKek.JSON, 500));
  }

  public static BillingTestServer start(DatabaseSettings database, MutableClock clock, BillingConfig config) {
    TestSessions sessions = TestSessions.start();
    TestStaffAccess staffAccess = TestStaffAccess.start();
    try {
      BillingConfig withIdentity = new BillingConfig(config.common().withIdentity(sessions.target()).withDisclosure(staffAccess.target()),
          config.kek(), config.retention(), config.retentionPurgeInterval(), config.rewrapBatchSize());
      return new BillingTestServer(database, clock, ServiceHarness.of(BillingApplication.start(withIdentity, database, clock)), sessions,
          staffAccess);
    } catch (RuntimeException e) {
      sessions.close();
      staffAccess.close();
      throw e;
    }
  }

  public <S extends AbstractStub<S>> S stub(Function<Channel, S> factory, String caller, Purpose purpose) {
    return harness.stub(factory, caller, purpose);
  }

  /** The support web app billing an account, signed in as the account each request names. */
  public BillingServiceGrpc.BillingServiceBlockingStub frontend() {
    return stub(BillingServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.BILLING)
        .withInterceptors(sessions.signedInAsSubject(POLICY));
  }

  /** The support web app for {@code purpose}, signed in as the account each request names. */
  public BillingServiceGrpc.BillingServiceBlockingStub frontend(Purpose purpose) {
    return stub(BillingServiceGrpc::newBlockingStub, TestCallers.FRONTEND, purpose).withInterceptors(sessions.signedInAsSubject(POLICY));
  }

  /** The support web app with no session, or with the one the test gives ({@link TestSessions#withSession}). */
  public BillingServiceGrpc.BillingServiceBlockingStub frontendWithoutSession() {
    return stub(BillingServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.BILLING);
  }

  /** Staff tooling billing an account (may issue invoices). */
  public BillingServiceGrpc.BillingServiceBlockingStub operator() {
    return stub(BillingServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.BILLING);
  }

  public BillingKeyServiceGrpc.BillingKeyServiceBlockingStub keys() {
    return stub(BillingKeyServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.BILLING);
  }

  public SubjectDataServiceGrpc.SubjectDataServiceBlockingStub disclosure(Purpose purpose) {
    return stub(SubjectDataServiceGrpc::newBlockingStub, TestCallers.DISCLOSURE, purpose);
  }

  /** A plain JDBC connection to the service's database, for looking at what is really stored. */
  public Connection jdbc() throws SQLException {
    return DriverManager.getConnection(JdbcUrls.withDefaults(database.jdbcUrl()), database.user(), database.password());
  }

  @Override
  public void close() {
    harness.close();
    sessions.close();
    staffAccess.close();
  }
}
