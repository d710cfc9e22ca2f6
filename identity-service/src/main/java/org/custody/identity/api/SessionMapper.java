package org.custody.identity.api;

import org.custody.identity.session.OpenedSession;
import org.custody.identity.session.Principal;
import org.custody.identity.session.Session;
import org.custody.identity.session.SessionCookie;
import org.custody.platform.api.ProtoTimes;
import org.custody.proto.identity.v1.LoginResponse;

/** Domain sessions to contract messages. Tokens appear only in the login response. */
final class SessionMapper {
  private SessionMapper() {}

  static org.custody.proto.identity.v1.Session session(Session session) {
    return org.custody.proto.identity.v1.Session.newBuilder()
        .setName(Names.session(session.projectId(), session.accountId(), session.id()))
        .setCreateTime(ProtoTimes.timestamp(session.createTime()))
        .setLastActiveTime(ProtoTimes.timestamp(session.lastActiveTime()))
        .setExpireTime(ProtoTimes.timestamp(session.absoluteExpireTime()))
        .build();
  }

  static org.custody.proto.identity.v1.Principal principal(Principal principal) {
    return org.custody.proto.identity.v1.Principal.newBuilder()
        .setAccount(Names.account(principal.projectId(), principal.accountId()))
        .setProject(Names.project(principal.projectId()))
        .setSession(Names.session(principal.projectId(), principal.accountId(), principal.sessionId()))
        .setAuthenticateTime(ProtoTimes.timestamp(principal.authenticateTime()))
        .setExpireTime(ProtoTimes.timestamp(principal.expireTime()))
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

  static LoginResponse login(OpenedSession opened) {
    return LoginResponse.newBuilder()
        .setSession(session(opened.session()))
        .setSessionToken(opened.token())
        .setCookie(cookie(opened.cookie()))
        .setPrincipal(principal(opened.principal()))
        .build();
  }
}
