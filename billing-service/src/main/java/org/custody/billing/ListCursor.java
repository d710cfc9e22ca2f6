package org.custody.billing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.custody.platform.api.PageTokens;

/**
 * Where a listing ordered by (create time, id) resumes: the last row returned. Carried inside
 * the API's opaque page token.
 */
public record ListCursor(Instant createTime, String id) {
  public String encode() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, createTime) + ":" + id;
  }

  /** Parses a cursor; an empty string is the first page (null). */
  public static ListCursor decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    int colon = cursor.indexOf(':');
    try {
      if (colon > 0 && colon < cursor.length() - 1) {
        long micros = Long.parseLong(cursor.substring(0, colon));
        return new ListCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), cursor.substring(colon + 1));
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // fall through
    }
    throw PageTokens.invalid();
  }
}
