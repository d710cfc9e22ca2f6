package org.custody.billing.keys;

import java.time.Instant;
import java.util.Optional;

/**
 * A job moving every data key under one KEK version (the primary when it started).
 *
 * @param totalKeys data keys under other versions when it started
 * @param rewrappedKeys data keys moved so far (keys erased meanwhile are not counted)
 * @param cursor the last data key id handled: a restarted job resumes after it
 */
public record RewrapJob(String id, int targetVersion, RewrapJobState state, long totalKeys, long rewrappedKeys,
    String cursor, Instant startTime, Optional<Instant> finishTime) {}
