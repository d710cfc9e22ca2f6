package org.custody.identity.subject;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What an erasure removed, by kind of item (in a stable order). Identity keeps nothing under a
 * legal obligation, so nothing is retained.
 */
public record ErasureReceipt(String receiptId, Optional<String> erasure, Instant eraseTime, Map<String, Long> erased) {}
