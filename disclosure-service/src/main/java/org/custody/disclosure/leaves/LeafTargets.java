package org.custody.disclosure.leaves;

import java.time.Duration;

/**
 * Where the leaf services listen ({@code host:port} or any gRPC target) and how long a call to
 * one may take.
 */
public record LeafTargets(String identity, String billing, String analytics, Duration callTimeout) {}
