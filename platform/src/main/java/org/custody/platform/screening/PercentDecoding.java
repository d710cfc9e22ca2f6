package org.custody.platform.screening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lenient percent-decoding of outside text: malformed escapes stay as they are (a screen or a
 * normaliser must read what a browser would, not reject it), only ASCII hex digits form an escape.
 */
public final class PercentDecoding {
  private PercentDecoding() {}

  /** Form-style decoding, as the screens read any field: {@code +} is a space. */
  static String decode(String raw) {
    return decode(raw, true);
  }

  /** A URL path segment: {@code +} is itself. */
  public static String decodePathSegment(String raw) {
    return raw.indexOf('%') < 0 ? raw : decode(raw, false);
  }

  private static String decode(String raw, boolean plusIsSpace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
        bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
        i += 3;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
        i++;
      } else {
        int codePoint = raw.codePointAt(i);
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(codePoint);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }
}
