package org.custody.disclosure.policy;

/**
 * The notice messages of every campaign, for the metrics: waiting for an attempt, attempted at
 * least once, delivered, given up (or without an address), and the acknowledgements of
 * significant versions.
 */
public record NoticeMessageTotals(long queued, long sent, long delivered, long failed, long acknowledged) {}
