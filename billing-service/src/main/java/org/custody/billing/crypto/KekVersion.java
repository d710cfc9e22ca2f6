package org.custody.billing.crypto;

import java.time.Instant;

/** One key-encryption-key version as the service describes it (never its key material). */
public record KekVersion(int version, KekState state, boolean primary, Instant createTime, Instant stateTime) {}
