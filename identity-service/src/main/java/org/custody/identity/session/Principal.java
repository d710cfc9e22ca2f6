package org.custody.identity.session;

import java.time.Instant;

/**
 * Whom a valid session belongs to.
 *
 * @param authenticateTime when the password was verified for this session
 * @param expireTime the latest the session can last (its absolute lifetime)
 * @param aal the session's authenticator assurance level (1 or 2)
 */
public record Principal(String projectId, String accountId, String sessionId, Instant authenticateTime, Instant expireTime, int aal) {}
