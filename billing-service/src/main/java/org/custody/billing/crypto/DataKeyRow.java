package org.custody.billing.crypto;

import java.time.Instant;
import java.util.Optional;
import org.custody.platform.api.AccountName;

/** A stored data key with its owner and purpose; {@code retainUntil} only for RETENTION keys. */
public record DataKeyRow(DataKeyRef ref, AccountName subject, KeyPurpose purpose, Optional<Instant> retainUntil, Instant createTime) {}
