package org.custody.platform.testkit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.AbstractStub;
import java.util.LinkedHashMap;
import java.util.Map;
import org.custody.platform.access.AuthSettings;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;

/**
 * The callers tests authenticate as (token mode), and stubs bound to one of them and a purpose:
 * {@code TestCallers.as(IdentityServiceGrpc.newBlockingStub(channel), "frontend", Purpose.AUTHENTICATION)}.
 */
public final class TestCallers {
  public static final String FRONTEND = "frontend";
  public static final String HELPDESK = "helpdesk";
  public static final String OPERATOR = "operator";
  public static final String DISCLOSURE = "disclosure";
  /** The leaves as callers of disclosure (staff access records) and of identity (session checks). */
  public static final String IDENTITY = "identity";
  public static final String BILLING = "billing";
  public static final String ANALYTICS = "analytics";
  /** Authenticated, but named in no access policy. */
  public static final String STRANGER = "stranger";

  private TestCallers() {}

  public static String token(String caller) {
    return "test-token-" + caller + "-0123456789abcdef";
  }

  public static Map<String, String> tokens() {
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String caller : new String[] {FRONTEND, HELPDESK, OPERATOR, DISCLOSURE, IDENTITY, BILLING, ANALYTICS, STRANGER}) {
      tokens.put(caller, token(caller));
    }
    return tokens;
  }

  /** Server-side settings accepting every test caller; as a client, the server is "disclosure". */
  public static AuthSettings auth() {
    return AuthSettings.tokens(tokens(), token(DISCLOSURE));
  }

  public static ManagedChannel channel(int port) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  public static <S extends AbstractStub<S>> S as(S stub, String caller, Purpose purpose) {
    return stub.withCallCredentials(CallerCredentials.of(token(caller), purpose));
  }
}
