package org.custody.disclosure.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
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
  private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private static final HexFormat HEX = HexFormat.of();

  private SqlLiterals() {}

  static void append(StringBuilder sql, Object value) {
    if (value == null) {
      sql.append("NULL");
    } else if (value instanceof String s) {
      if (s.isEmpty()) {
        sql.append("''");
      } else {
        sql.append("_utf8mb4 X'").append(HEX.formatHex(s.getBytes(StandardCharsets.UTF_8))).append('\'');
      }
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      sql.append(((Number) value).longValue());
    } else if (value instanceof byte[] bytes) {
      // formatHex(byte[]) fills one array; formatHex(Appendable) appends char by char.
      sql.append("X'").append(HEX.formatHex(bytes)).append('\'');
    } else if (value instanceof Instant instant) {
      datetime(sql, instant);
    } else {
      throw new IllegalArgumentException("no literal for " + value.getClass().getSimpleName());
    }
  }

  /** As the platform's InstantBinding writes it ({@code 2026-11-27 10:15:30.123456}, UTC), without a formatter's generality. */
  private static void datetime(StringBuilder sql, Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    if (t.getYear() < 1000 || t.getYear() > 9999) {
      sql.append('\'').append(DATETIME.format(t)).append('\'');
      return;
    }
    sql.append('\'').append(t.getYear());
    twoDigits(sql.append('-'), t.getMonthValue());
    twoDigits(sql.append('-'), t.getDayOfMonth());
    twoDigits(sql.append(' '), t.getHour());
    twoDigits(sql.append(':'), t.getMinute());
    twoDigits(sql.append(':'), t.getSecond());
    String micros = Integer.toString(t.getNano() / 1000);
    sql.append('.').append("000000", micros.length(), 6).append(micros).append('\'');
  }

  private static void twoDigits(StringBuilder sql, int value) {
    sql.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
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
