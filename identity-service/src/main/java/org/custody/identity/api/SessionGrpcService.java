package org.custody.identity.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executor;
import org.custody.identity.factor.SecondFactors;
import org.custody.identity.login.Logins;
import org.custody.identity.session.Session;
import org.custody.identity.session.Sessions;
import org.custody.platform.api.AccountName;
import org.custody.platform.api.PageTokens;
import org.custody.platform.domain.Slice;
import org.custody.proto.identity.v1.CompleteLoginRequest;
import org.custody.proto.identity.v1.CompleteLoginResponse;
import org.custody.proto.identity.v1.ListSessionsRequest;
import org.custody.proto.identity.v1.ListSessionsResponse;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.LoginResponse;
import org.custody.proto.identity.v1.RevokeAllSessionsRequest;
import org.custody.proto.identity.v1.RevokeAllSessionsResponse;
import org.custody.proto.identity.v1.RevokeSessionRequest;
import org.custody.proto.identity.v1.RevokeSessionResponse;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.custody.proto.identity.v1.ValidateSessionRequest;
import org.custody.proto.identity.v1.ValidateSessionResponse;

/** The SessionService adapter. Login runs on the hashing pool; ValidateSession is the hot path. */
public final class SessionGrpcService extends SessionServiceGrpc.SessionServiceImplBase {
  private final PageTokens pageTokens;
  private final Logins logins;
  private final Sessions sessions;
  private final HashingLane hashing;

  public SessionGrpcService(Logins logins, Sessions sessions, Executor hashingPool, PageTokens pageTokens) {
    this.pageTokens = pageTokens;
    this.logins = logins;
    this.sessions = sessions;
    this.hashing = new HashingLane(hashingPool);
  }

  @Override
  public void login(LoginRequest request, StreamObserver<LoginResponse> response) {
    String projectId = Names.projectId("project", request.getProject());
    hashing.run(response, () -> SessionMapper.login(logins.login(projectId, request.getEmail(), request.getPassword(), request.getClientKey())));
  }

  @Override
  public void completeLogin(CompleteLoginRequest request, StreamObserver<CompleteLoginResponse> response) {
    SecondFactors.Answer answer = switch (request.getFactorCase()) {
      case TOTP_CODE -> new SecondFactors.Answer.TotpCode(request.getTotpCode());
      case RECOVERY_CODE -> new SecondFactors.Answer.RecoveryCode(request.getRecoveryCode());
      default -> new SecondFactors.Answer.WebAuthnAssertion(request.getWebauthnAssertionJson());
    };
    reply(response, SessionMapper.completed(logins.complete(request.getChallenge(), answer, request.getClientKey())));
  }

  @Override
  public void validateSession(ValidateSessionRequest request, StreamObserver<ValidateSessionResponse> response) {
    reply(response, ValidateSessionResponse.newBuilder()
        .setPrincipal(SessionMapper.principal(sessions.validate(request.getSessionToken()))).build());
  }

  @Override
  public void listSessions(ListSessionsRequest request, StreamObserver<ListSessionsResponse> response) {
    AccountName account = Names.parseAccount("parent", request.getParent());
    Slice<Session> page = sessions.list(account.projectId(), account.accountId(), pageTokens.cursor(request),
        PageTokens.size(request.getPageSize(), 50));
    ListSessionsResponse.Builder builder = ListSessionsResponse.newBuilder();
    page.items().forEach(s -> builder.addSessions(SessionMapper.session(s)));
    page.nextCursor().ifPresent(c -> builder.setNextPageToken(pageTokens.next(request, c)));
    reply(response, builder.build());
  }

  @Override
  public void revokeSession(RevokeSessionRequest request, StreamObserver<RevokeSessionResponse> response) {
    if (request.hasName()) {
      Names.SessionName name = Names.parseSession("name", request.getName());
      sessions.revoke(name.account().projectId(), name.account().accountId(), name.sessionId());
    } else {
      sessions.logout(request.getSessionToken());
    }
    reply(response, RevokeSessionResponse.getDefaultInstance());
  }

  @Override
  public void revokeAllSessions(RevokeAllSessionsRequest request, StreamObserver<RevokeAllSessionsResponse> response) {
    AccountName account = Names.parseAccount("account", request.getAccount());
    reply(response, RevokeAllSessionsResponse.newBuilder()
        .setRevokedSessionCount(sessions.revokeAll(account.projectId(), account.accountId())).build());
  }
}
