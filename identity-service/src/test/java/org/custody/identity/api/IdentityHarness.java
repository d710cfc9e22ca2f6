package org.custody.identity.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.custody.identity.app.IdentityApplication;
import org.custody.identity.app.IdentityConfig;
import org.custody.platform.access.Purpose;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.identity.v1.Account;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.LoginResponse;
import org.custody.proto.identity.v1.SessionServiceGrpc;

/** The identity service on a real port against a fresh MariaDB database, with the stubs its tests use. */
final class IdentityHarness implements AutoCloseable {
  static final String PASSWORD = "correct horse battery staple";

  final ServiceHarness harness;

  private IdentityHarness(ServiceHarness harness) {
    this.harness = harness;
  }

  static IdentityConfig config(DatabaseSettings database) {
    return IdentityConfig.withDefaults(new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), Optional.of(database), Path.of("target")));
  }

  static IdentityHarness start(DatabaseSettings database, Clock clock) {
    return start(config(database), database, clock);
  }

  static IdentityHarness start(IdentityConfig config, DatabaseSettings database, Clock clock) {
    return new IdentityHarness(ServiceHarness.of(IdentityApplication.start(config, database, clock)));
  }

  IdentityServiceGrpc.IdentityServiceBlockingStub identity(String caller, Purpose purpose) {
    return harness.stub(IdentityServiceGrpc::newBlockingStub, caller, purpose);
  }

  IdentityServiceGrpc.IdentityServiceBlockingStub operator() {
    return identity(TestCallers.OPERATOR, Purpose.SERVICE_PROVISION);
  }

  IdentityServiceGrpc.IdentityServiceBlockingStub frontend() {
    return identity(TestCallers.FRONTEND, Purpose.SERVICE_PROVISION);
  }

  IdentityServiceGrpc.IdentityServiceBlockingStub frontendAuth() {
    return identity(TestCallers.FRONTEND, Purpose.AUTHENTICATION);
  }

  SessionServiceGrpc.SessionServiceBlockingStub sessions() {
    return harness.stub(SessionServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.AUTHENTICATION);
  }

  SessionServiceGrpc.SessionServiceBlockingStub sessions(String caller, Purpose purpose) {
    return harness.stub(SessionServiceGrpc::newBlockingStub, caller, purpose);
  }

  SubjectDataServiceGrpc.SubjectDataServiceBlockingStub subjects(Purpose purpose) {
    return harness.stub(SubjectDataServiceGrpc::newBlockingStub, TestCallers.DISCLOSURE, purpose);
  }

  void project(String id) {
    operator().createProject(CreateProjectRequest.newBuilder().setProjectId(id).setDisplayName(id + " support").build());
  }

  Account account(String project, String fullName, String email) {
    return frontend().createAccount(CreateAccountRequest.newBuilder()
        .setParent("projects/" + project).setFullName(fullName).setCompany("Acme Corp").setEmail(email).setPassword(PASSWORD)
        .setRequestId(UUID.randomUUID().toString()).build()).getAccount();
  }

  LoginResponse login(String project, String email, String password) {
    return sessions().login(LoginRequest.newBuilder().setProject("projects/" + project).setEmail(email).setPassword(password).build());
  }

  String metrics() {
    return harness.scrapeMetrics();
  }

  @Override
  public void close() {
    harness.close();
  }
}
