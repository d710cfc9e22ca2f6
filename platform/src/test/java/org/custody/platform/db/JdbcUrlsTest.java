package org.custody.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
  @Test
  void withDatabase_replacesOnlyTheDatabase() {
    assertThat(JdbcUrls.withDatabase("jdbc:mysql://db:3306/old?sslMode=REQUIRED", "new"))
        .isEqualTo("jdbc:mysql://db:3306/new?sslMode=REQUIRED");
    assertThat(JdbcUrls.withDatabase("jdbc:mysql://127.0.0.1:3306", "x")).isEqualTo("jdbc:mysql://127.0.0.1:3306/x");
  }

  @Test
  void withDefaults_keepsExplicitParameters() {
    String url = JdbcUrls.withDefaults("jdbc:mysql://db:3306/a?connectionTimeZone=Europe/Berlin");
    assertThat(url).contains("connectionTimeZone=Europe/Berlin").contains("rewriteBatchedStatements=true")
        .doesNotContain("connectionTimeZone=UTC");
  }

  @Test
  void notAMysqlUrl_isRefused() {
    assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:postgresql://db/x", "y")).isInstanceOf(IllegalArgumentException.class);
  }
}
