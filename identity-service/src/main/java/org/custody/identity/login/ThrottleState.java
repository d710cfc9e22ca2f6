package org.custody.identity.login;

import java.time.Instant;
import java.util.Optional;

/** The failures counted for one (project, e-mail) pair. */
public record ThrottleState(int failures, Instant windowStart, Instant lastFailure, Optional<Instant> lockedUntil) {}
