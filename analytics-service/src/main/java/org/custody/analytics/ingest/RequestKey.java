package org.custody.analytics.ingest;

/**
 * A batch's idempotency key (AIP-155): the client's request id and a fingerprint (hash) of the
 * whole request, so a retry is recognised and a reused id with other content refused.
 */
public record RequestKey(String requestId, byte[] fingerprint) {}
