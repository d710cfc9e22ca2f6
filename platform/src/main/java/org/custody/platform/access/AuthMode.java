package org.custody.platform.access;

/** How callers prove who they are. */
public enum AuthMode {
  /** Local/dev: a bearer token per caller, from configuration. Plaintext transport. */
  TOKEN,
  /** Production: mutual TLS; the caller is named by its client certificate. */
  MTLS
}
