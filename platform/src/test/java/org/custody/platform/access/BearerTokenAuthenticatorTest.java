package org.custody.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Attributes;
import io.grpc.Metadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerTokenAuthenticatorTest {
  private final BearerTokenAuthenticator authenticator =
      new BearerTokenAuthenticator(Map.of("frontend", "front-token-0123456789", "operator", "oper-token-0123456789"));

  private static Metadata header(String value) {
    Metadata headers = new Metadata();
    if (value != null) {
      headers.put(BearerTokenAuthenticator.AUTHORIZATION, value);
    }
    return headers;
  }

  @Test
  void authenticate_namesTheCallerOfTheToken() {
    assertThat(authenticator.authenticate(Attributes.EMPTY, header("Bearer oper-token-0123456789"))).contains("operator");
    assertThat(authenticator.authenticate(Attributes.EMPTY, header("bearer front-token-0123456789"))).contains("frontend");
  }

  @Test
  void authenticate_refusesUnknownMissingOrMalformed() {
    assertThat(authenticator.authenticate(Attributes.EMPTY, header("Bearer front-token-012345678"))).isEmpty();
    assertThat(authenticator.authenticate(Attributes.EMPTY, header(null))).isEmpty();
    assertThat(authenticator.authenticate(Attributes.EMPTY, header("Basic front-token-0123456789"))).isEmpty();
  }
}
