package org.custody.disclosure.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * SQL literals for the hand-written hot statements, which cannot contain a quote or a backslash
 * whatever the value: numbers, {@code NULL}, hex literals for bytes, and for text the hex of its
 * UTF-8 bytes under a charset introducer ({@code _utf8mb4 X'...'}), so no value is ever escaped
 * and the result does not depend on the server's SQL mode. Cheaper than jOOQ's inliner and than
 * the driver's client-side binding (which rescans the statement and copies each byte array through
 * a growing buffer), and the statement text goes to the server without the driver parsing it.
 */
final class SqlLiterals {
  /** As the platform's InstantBinding: UTC text with microseconds, parsed by the server itself. */
  private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private SqlLiterals() {}

  static void append(StringBuilder sql, Object value) {
    if (value == null) {
      sql.append("NULL");
    } else if (value instanceof String s) {
      if (s.isEmpty()) {
        sql.append("''");
      } else {
        sql.append("_utf8mb4 X'");
        HEX.formatHex(sql, s.getBytes(StandardCharsets.UTF_8));
        sql.append('\'');
      }
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      sql.append(((Number) value).longValue());
    } else if (value instanceof byte[] bytes) {
      sql.append("X'");
      HEX.formatHex(sql, bytes);
      sql.append('\'');
    } else if (value instanceof Instant instant) {
      sql.append('\'');
      DATETIME.formatTo(instant, sql);
      sql.append('\'');
    } else {
      throw new IllegalArgumentException("no literal for " + value.getClass().getSimpleName());
    }
  }

  /** {@code template} with each {@code ?} replaced by the next value's literal (the template is a constant holding no quotes). */
  static String fill(String template, Object... values) {
    StringBuilder sql = new StringBuilder(template.length() + values.length * 24);
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '?') {
        append(sql, values[next++]);
      } else {
        sql.append(c);
      }
    }
    if (next != values.length) {
      throw new IllegalArgumentException("the template has " + next + " placeholders for " + values.length + " values");
    }
    return sql.toString();
  }
}
