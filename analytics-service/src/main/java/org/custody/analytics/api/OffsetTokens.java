package org.custody.analytics.api;

import com.google.protobuf.Message;
import java.util.HexFormat;
import org.custody.platform.api.PageTokens;
import org.custody.platform.errors.DomainException;
import org.custody.platform.idempotency.RequestFingerprints;

/**
 * Page tokens of the statistics queries: an offset bound to the query it came from (a fingerprint
 * of the request without its paging fields), so a token replayed with other parameters is refused.
 */
final class OffsetTokens {
  private final RequestFingerprints fingerprints;

  OffsetTokens(RequestFingerprints fingerprints) {
    this.fingerprints = fingerprints;
  }

  String encode(int offset, Message queryWithoutPaging) {
    return PageTokens.encode(offset + ":" + bind(queryWithoutPaging));
  }

  /** The offset in the token; 0 for an empty token. */
  int decode(String token, Message queryWithoutPaging) {
    String cursor = PageTokens.decode(token);
    if (cursor.isEmpty()) {
      return 0;
    }
    int colon = cursor.indexOf(':');
    try {
      if (colon > 0 && cursor.substring(colon + 1).equals(bind(queryWithoutPaging))) {
        int offset = Integer.parseInt(cursor.substring(0, colon));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw DomainException.invalidField("page_token", "does not belong to this query");
  }

  private String bind(Message query) {
    return HexFormat.of().formatHex(fingerprints.of(query), 0, 8);
  }
}
