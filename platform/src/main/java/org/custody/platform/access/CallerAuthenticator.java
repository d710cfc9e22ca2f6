package org.custody.platform.access;

import io.grpc.Attributes;
import io.grpc.Metadata;
import java.util.Optional;

/**
 * Establishes who is calling from the transport (a bearer token from configuration or a client
 * certificate), never from a self-declared header.
 */
public interface CallerAuthenticator {
  /** The caller's name, or empty when the call is not authenticated. */
  Optional<String> authenticate(Attributes transport, Metadata headers);
}
