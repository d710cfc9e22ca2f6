package org.custody.identity.session;

/** A session just opened: the only moment its token exists outside the client. */
public record OpenedSession(Session session, String token, SessionCookie cookie, Principal principal) {
  @Override
  public String toString() {
    return "OpenedSession[" + session.id() + "]";
  }
}
