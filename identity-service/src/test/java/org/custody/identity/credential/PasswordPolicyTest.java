package org.custody.identity.credential;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.custody.platform.errors.DomainException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  private final PasswordPolicy policy = new PasswordPolicy(2);
  private final List<String> jane = List.of("Jane Doe", "Acme Corp", "jane.doe@acme.example");

  private void assertRefused(String password, String reason) {
    assertThatThrownBy(() -> policy.check("password", password, jane))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(reason);
          org.assertj.core.api.Assertions.assertThat(e.violations()).singleElement()
              .satisfies(v -> {
                org.assertj.core.api.Assertions.assertThat(v.field()).isEqualTo("password");
                org.assertj.core.api.Assertions.assertThat(v.description()).doesNotContain(password);
              });
        });
  }

  @Test
  void P15_commonPasswordsAreRefused() {
    assertRefused("password123", "PASSWORD_TOO_WEAK");
    assertRefused("qwertyuiop", "PASSWORD_TOO_WEAK");
    assertRefused("iloveyou1", "PASSWORD_TOO_WEAK");
  }

  @Test
  void P15_passwordsMadeOfThePersonsOwnDetailsAreRefused() {
    assertRefused("janedoe2024", "PASSWORD_TOO_WEAK");
  }

  @Test
  void P15_lengthIs8To128Characters() {
    assertRefused("x9#Lq2!", "PASSWORD_LENGTH");
    assertRefused("a".repeat(129), "PASSWORD_LENGTH");
    assertThatCode(() -> policy.check("password", "vT9#qL2!mZ".repeat(12) + "abcdefgh", jane)).doesNotThrowAnyException();
  }

  @Test
  void P15_anyUnicodeIsAccepted() {
    assertThatCode(() -> policy.check("password", "ὕδωρ-日本語-pässwörd-🦊", jane)).doesNotThrowAnyException();
    assertThatCode(() -> policy.check("password", "correct horse battery staple", jane)).doesNotThrowAnyException();
  }
}
