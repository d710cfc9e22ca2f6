package org.custody.analytics.api;

import com.google.protobuf.Message;
import org.custody.platform.api.PageTokens;

/**
 * Page tokens of the statistics queries: an offset into the query's rows, sealed by the
 * platform's {@link PageTokens} (so bound to the query it came from, the caller, and expiring).
 */
final class OffsetTokens {
  private final PageTokens tokens;

  OffsetTokens(PageTokens tokens) {
    this.tokens = tokens;
  }

  String encode(int offset, Message request) {
    return tokens.next(request, Integer.toString(offset));
  }

  /** The offset in the request's token; 0 for an empty token. */
  int decode(Message request) {
    String cursor = tokens.cursor(request);
    if (cursor.isEmpty()) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(cursor);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // refused below; only a key holder could have sealed it
    }
    throw PageTokens.invalid();
  }
}
