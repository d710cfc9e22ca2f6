package org.custody.platform.session;

import java.time.Instant;

/**
 * Whom a live session belongs to, as identity says.
 *
 * @param account {@code projects/{project}/accounts/{account}}
 * @param authenticateTime when the password was last verified for the session
 */
public record SessionPrincipal(String account, Instant authenticateTime) {}
