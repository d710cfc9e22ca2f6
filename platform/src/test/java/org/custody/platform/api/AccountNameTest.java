package org.custody.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountNameTest {
  @Test
  void parse_namesTheProjectAndTheAccount_andPrintsBackTheName() {
    AccountName name = AccountName.parse("account", "projects/acme/accounts/42");
    assertThat(name).isEqualTo(new AccountName("acme", "42"));
    assertThat(name.toString()).isEqualTo("projects/acme/accounts/42");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "projects/acme", "projects/acme/accounts/", "projects//accounts/42", "projects/acme/contacts/42",
      "projects/acme/accounts/42/sessions/s1"})
  void parse_anythingElse_isAnInvalidField(String name) {
    assertThatThrownBy(() -> AccountName.parse("subject.account", name)).isInstanceOfSatisfying(DomainException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
      assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("subject.account"));
    });
  }
}
