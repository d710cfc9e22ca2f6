package org.custody.disclosure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SqlLiteralsTest {
  private static final DateTimeFormatter INSTANT_BINDING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private static String literal(Object value) {
    StringBuilder sql = new StringBuilder();
    SqlLiterals.append(sql, value);
    return sql.toString();
  }

  @Test
  void instants_areWrittenAsTheInstantBindingWritesThem() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L), random.nextInt(1_000_000_000));
      assertThat(literal(t)).isEqualTo("'" + INSTANT_BINDING.format(t) + "'");
    }
    assertThat(literal(Instant.parse("2026-01-02T03:04:05.000007Z"))).isEqualTo("'2026-01-02 03:04:05.000007'");
  }

  @Test
  void text_andBytes_becomeHex_soNoValueCanCloseTheLiteral() {
    assertThat(literal("a'\\")).isEqualTo("_utf8mb4 X'61275c'");
    assertThat(literal("\u00e9")).isEqualTo("_utf8mb4 X'c3a9'");
    assertThat(literal("")).isEqualTo("''");
    assertThat(literal(new byte[] {0, 39, -1})).isEqualTo("X'0027ff'");
    assertThat(literal(null)).isEqualTo("NULL");
    assertThat(literal((byte) 3) + literal(7) + literal(-8L)).isEqualTo("37-8");
  }

  @Test
  void templates_needOneValuePerPlaceholder() {
    assertThat(SqlLiterals.fill("UPDATE t SET a = ? WHERE id = ?", "x", 1L)).isEqualTo("UPDATE t SET a = _utf8mb4 X'78' WHERE id = 1");
    assertThatThrownBy(() -> SqlLiterals.fill("UPDATE t SET a = ?", "x", 1L)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> literal(1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
