package org.custody.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.custody.platform.errors.DomainException;
import org.junit.jupiter.api.Test;

class PageTokensTest {
  @Test
  void roundTrip() {
    assertThat(PageTokens.decode(PageTokens.encode("2026-11-27|abc"))).isEqualTo("2026-11-27|abc");
    assertThat(PageTokens.decode("")).isEmpty();
  }

  @Test
  void foreignToken_isAnInvalidPageToken() {
    assertThatThrownBy(() -> PageTokens.decode("not-ours!"))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("page_token"));
  }

  @Test
  void resourceNames_parse() {
    assertThat(ResourceNames.parse("name", "projects/acme/accounts/42", "projects/{project}/accounts/{account}"))
        .containsExactly("acme", "42");
    assertThatThrownBy(() -> ResourceNames.parse("name", "projects/acme", "projects/{project}/accounts/{account}"))
        .isInstanceOf(DomainException.class);
  }
}
