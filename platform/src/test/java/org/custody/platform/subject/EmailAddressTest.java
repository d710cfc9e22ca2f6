package org.custody.platform.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.custody.platform.errors.DomainException;
import org.junit.jupiter.api.Test;

class EmailAddressTest {
  @Test
  void normalize_trimsAndLowerCases() {
    assertThat(EmailAddress.normalize("email", "  Jane.Doe@Example.COM \t")).isEqualTo("jane.doe@example.com");
  }

  @Test
  void normalize_refusesNonAddressesWithoutEchoingThem() {
    for (String bad : new String[] {"", "jane", "jane@", "@example.com", "jane@example", "ja ne@example.com", "a@b@c.com", "jane@example."}) {
      assertThatThrownBy(() -> EmailAddress.normalize("email", bad))
          .isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.violations()).extracting(v -> v.field()).containsExactly("email");
            assertThat(e.getMessage()).doesNotContain("jane");
          });
    }
  }
}
