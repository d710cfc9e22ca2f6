package org.custody.platform.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.custody.platform.errors.DomainException;

/**
 * Opaque page tokens (AIP-158). A token wraps a cursor (e.g. the last id returned) with a
 * version prefix; clients must not parse it, and a token that does not decode is refused as an
 * invalid {@code page_token}.
 */
public final class PageTokens {
  private static final String PREFIX = "c1:";

  private PageTokens() {}

  public static String encode(String cursor) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + cursor).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in a token; empty for an empty token (first page). */
  public static String decode(String token) {
    if (token == null || token.isEmpty()) {
      return "";
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith(PREFIX)) {
        return decoded.substring(PREFIX.length());
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw invalid();
  }

  /** The refusal of a page token (or of the cursor inside it) this service did not issue. */
  public static DomainException invalid() {
    return DomainException.invalidField("page_token", "is not a token this service issued");
  }

  /** The page size to use: {@code requested}, or {@code defaultSize} when 0. */
  public static int size(int requested, int defaultSize) {
    return requested <= 0 ? defaultSize : requested;
  }
}
