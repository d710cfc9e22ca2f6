package org.custody.platform.screening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Lenient percent-decoding for screening: malformed escapes stay as they are, {@code +} is a space. */
final class PercentDecoding {
  private PercentDecoding() {}

  static String decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
        bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
        i += 3;
      } else if (c == '+') {
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
