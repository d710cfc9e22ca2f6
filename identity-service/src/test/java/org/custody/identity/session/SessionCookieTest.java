package org.custody.identity.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SessionCookieTest {
  @Test
  void P12_sessionCookieHasNoExpiryByConstruction() {
    SessionCookie cookie = new SessionCookie("__Host-session", "abc_DEF-123");
    assertThat(Arrays.stream(SessionCookie.class.getRecordComponents()).map(RecordComponent::getName))
        .containsExactly("name", "value");
    assertThat(cookie.setCookieHeader()).isEqualTo("__Host-session=abc_DEF-123; Path=/; Secure; HttpOnly; SameSite=Lax");
  }

  @Test
  void constructor_refusesValuesThatWouldInjectAttributes() {
    assertThatThrownBy(() -> new SessionCookie("s", "x; Max-Age=99999999")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionCookie("s; Expires=x", "v")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_neverShowsTheToken() {
    assertThat(new SessionCookie("s", "secret-token").toString()).doesNotContain("secret-token");
  }
}
