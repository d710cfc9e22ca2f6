package org.custody.testkit;

import java.util.UUID;
import org.custody.client.RequestIds;
import org.custody.proto.common.v1.Purpose;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.LoginResponse;
import org.custody.proto.identity.v1.SessionServiceGrpc;

/** Seeds data through the services' own APIs, as the callers that may create it: every value fresh. */
public final class Fixtures {
  /** A project site, e.g. {@code projects/tk-1a2b3c4d}. */
  public record Project(String name) {}

  /** An account with the password it was registered with (for logging in as it). */
  public record Account(String name, String project, String email, String password) {}

  /** A logged-in session: its token is a credential, as a front end would hold it. */
  public record Session(String name, String token, Account account) {}

  private final RunningCustody custody;

  Fixtures(RunningCustody custody) {
    this.custody = custody;
  }

  public Project project() {
    String id = "tk-" + UUID.randomUUID().toString().substring(0, 8);
    return new Project(IdentityServiceGrpc.newBlockingStub(custody.channel("identity"))
        .withCallCredentials(custody.credentials("operator", Purpose.PURPOSE_SERVICE_PROVISION))
        .createProject(CreateProjectRequest.newBuilder().setProjectId(id).setDisplayName("Test kit " + id)
            .setRequestId(RequestIds.newId()).build())
        .getProject().getName());
  }

  public Account account(Project project) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String email = "user." + run + "@example.org";
    String password = "Lantern-" + UUID.randomUUID() + "-orbit";
    String name = IdentityServiceGrpc.newBlockingStub(custody.channel("identity"))
        .withCallCredentials(custody.credentials("frontend", Purpose.PURPOSE_SERVICE_PROVISION))
        .createAccount(CreateAccountRequest.newBuilder().setParent(project.name()).setFullName("Test User " + run)
            .setCompany("Test kit").setEmail(email).setPassword(password).setRequestId(RequestIds.newId()).build())
        .getAccount().getName();
    return new Account(name, project.name(), email, password);
  }

  public Session session(Account account) {
    LoginResponse login = SessionServiceGrpc.newBlockingStub(custody.channel("identity"))
        .withCallCredentials(custody.credentials("frontend", Purpose.PURPOSE_AUTHENTICATION))
        .login(LoginRequest.newBuilder().setProject(account.project()).setEmail(account.email()).setPassword(account.password()).build());
    return new Session(login.getSession().getName(), login.getSessionToken(), account);
  }
}
