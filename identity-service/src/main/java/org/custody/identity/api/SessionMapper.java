package org.custody.identity.api;

import org.custody.identity.factor.SecondFactors;
import org.custody.identity.login.LoginResult;
import org.custody.identity.session.OpenedSession;
import org.custody.identity.session.Principal;
import org.custody.identity.session.Session;
import org.custody.identity.session.SessionCookie;
import org.custody.platform.api.ProtoTimes;
import org.custody.proto.identity.v1.AuthenticatorAssuranceLevel;
import org.custody.proto.identity.v1.CompleteLoginResponse;
import org.custody.proto.identity.v1.LoginResponse;
import org.custody.proto.identity.v1.SecondFactorChallenge;
import org.custody.proto.identity.v1.SecondFactorMethod;

/** Domain sessions to contract messages. Tokens appear only in the login response. */
final class SessionMapper {
  private SessionMapper() {}

  static org.custody.proto.identity.v1.Session session(Session session) {
    return org.custody.proto.identity.v1.Session.newBuilder()
        .setName(Names.session(session.projectId(), session.accountId(), session.id()))
        .setCreateTime(ProtoTimes.timestamp(session.createTime()))
        .setLastActiveTime(ProtoTimes.timestamp(session.lastActiveTime()))
        .setExpireTime(ProtoTimes.timestamp(session.absoluteExpireTime()))
        .setAal(aal(session.aal()))
        .build();
  }

  static AuthenticatorAssuranceLevel aal(int aal) {
    return aal >= 2 ? AuthenticatorAssuranceLevel.AUTHENTICATOR_ASSURANCE_LEVEL_AAL2 : AuthenticatorAssuranceLevel.AUTHENTICATOR_ASSURANCE_LEVEL_AAL1;
  }

  static org.custody.proto.identity.v1.Principal principal(Principal principal) {
    return org.custody.proto.identity.v1.Principal.newBuilder()
        .setAccount(Names.account(principal.projectId(), principal.accountId()))
        .setProject(Names.project(principal.projectId()))
        .setSession(Names.session(principal.projectId(), principal.accountId(), principal.sessionId()))
        .setAuthenticateTime(ProtoTimes.timestamp(principal.authenticateTime()))
        .setExpireTime(ProtoTimes.timestamp(principal.expireTime()))
        .setAal(aal(principal.aal()))
        .build();
  }

  /** The cookie descriptor: there is nothing in SessionCookie to map to Expires or Max-Age (P12). */
  static org.custody.proto.identity.v1.SessionCookie cookie(SessionCookie cookie) {
    return org.custody.proto.identity.v1.SessionCookie.newBuilder()
        .setName(cookie.name())
        .setValue(cookie.value())
        .setHttpOnly(cookie.httpOnly())
        .setSecure(cookie.secure())
        .setSameSite(cookie.sameSite())
        .setPath(cookie.path())
        .setSetCookieHeader(cookie.setCookieHeader())
        .build();
  }

  /** A session, or (SECOND_FACTOR_REQUIRED) the challenge to complete it with. */
  static LoginResponse login(LoginResult result) {
    if (result instanceof LoginResult.Challenged challenged) {
      return LoginResponse.newBuilder().setSecondFactor(challenge(challenged)).build();
    }
    return login(((LoginResult.Opened) result).session());
  }

  private static SecondFactorChallenge challenge(LoginResult.Challenged challenged) {
    SecondFactorChallenge.Builder builder = SecondFactorChallenge.newBuilder()
        .setChallenge(challenged.challenge())
        .setExpireTime(ProtoTimes.timestamp(challenged.expireTime()));
    for (SecondFactors.Method method : challenged.methods()) {
      builder.addMethods(switch (method) {
        case TOTP -> SecondFactorMethod.SECOND_FACTOR_METHOD_TOTP;
        case RECOVERY_CODE -> SecondFactorMethod.SECOND_FACTOR_METHOD_RECOVERY_CODE;
        case WEBAUTHN -> SecondFactorMethod.SECOND_FACTOR_METHOD_WEBAUTHN;
      });
    }
    challenged.webauthnOptions().ifPresent(builder::setWebauthnRequestOptionsJson);
    return builder.build();
  }

  static CompleteLoginResponse completed(OpenedSession opened) {
    return CompleteLoginResponse.newBuilder()
        .setSession(session(opened.session()))
        .setSessionToken(opened.token())
        .setCookie(cookie(opened.cookie()))
        .setPrincipal(principal(opened.principal()))
        .build();
  }

  static LoginResponse login(OpenedSession opened) {
    return LoginResponse.newBuilder()
        .setSession(session(opened.session()))
        .setSessionToken(opened.token())
        .setCookie(cookie(opened.cookie()))
        .setPrincipal(principal(opened.principal()))
        .build();
  }
}
