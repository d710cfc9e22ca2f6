package org.custody.platform.server;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging, which grpc-java and Netty log through, into SLF4J, so every line the
 * process writes has the one format (and level settings) of the logback configuration. Logback's
 * {@code LevelChangePropagator} in that configuration keeps JUL's levels in step.
 */
public final class JavaLoggingBridge {
  private JavaLoggingBridge() {}

  /** Idempotent; the entry points call it first, the server builder again for embedded uses. */
  public static synchronized void install() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      // JUL's default console handler would print every record a second time, in its own format.
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
