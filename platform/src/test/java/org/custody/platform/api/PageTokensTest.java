package org.custody.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.custody.platform.access.CallContext;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.testkit.MutableClock;
import org.custody.proto.identity.v1.ListAccountsRequest;
import org.custody.proto.identity.v1.ListContactsRequest;
import org.junit.jupiter.api.Test;

class PageTokensTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-15T12:00:00Z"));
  private final PageTokens tokens = new PageTokens(() -> SECRET, clock);

  private static ListAccountsRequest accounts(String parent, String token) {
    return ListAccountsRequest.newBuilder().setParent(parent).setPageSize(10).setPageToken(token).build();
  }

  private static void assertInvalidPageToken(Runnable decode) {
    assertThatThrownBy(decode::run).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("page_token")));
  }

  private String issue(String caller, ListAccountsRequest request, String cursor) {
    return CallContext.callAs(caller, Purpose.SERVICE_PROVISION, () -> tokens.next(request, cursor));
  }

  private String read(String caller, ListAccountsRequest request) {
    return CallContext.callAs(caller, Purpose.SERVICE_PROVISION, () -> tokens.cursor(request));
  }

  @Test
  void roundTrip_returnsTheCursor_andAnotherPageSizeIsFine() {
    String token = issue("frontend", accounts("projects/a", ""), "2026-11-27|abc");
    assertThat(read("frontend", accounts("projects/a", token).toBuilder().setPageSize(50).build())).isEqualTo("2026-11-27|abc");
    assertThat(read("frontend", accounts("projects/a", ""))).isEmpty();
  }

  @Test
  void token_hidesTheCursor() {
    String token = issue("frontend", accounts("projects/a", ""), "cursor-42");
    assertThat(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1)).doesNotContain("cursor-42");
    assertThat(issue("frontend", accounts("projects/a", ""), "cursor-42")).isNotEqualTo(token);
  }

  @Test
  void tokenOfAnotherParent_isRefused() {
    String token = issue("frontend", accounts("projects/a", ""), "7");
    assertInvalidPageToken(() -> read("frontend", accounts("projects/b", token)));
  }

  @Test
  void tokenOfAnotherCaller_isRefused() {
    String token = issue("frontend", accounts("projects/a", ""), "7");
    assertInvalidPageToken(() -> read("helpdesk", accounts("projects/a", token)));
  }

  @Test
  void tokenOfAnotherMethod_isRefused() {
    String token = issue("frontend", accounts("projects/a", ""), "7");
    ListContactsRequest contacts = ListContactsRequest.newBuilder().setParent("projects/a").setPageToken(token).build();
    assertInvalidPageToken(() -> CallContext.callAs("frontend", Purpose.SERVICE_PROVISION, () -> tokens.cursor(contacts)));
  }

  @Test
  void tokenOfAnotherServiceSecret_isRefused() {
    String token = issue("frontend", accounts("projects/a", ""), "7");
    PageTokens other = new PageTokens(() -> "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII), clock);
    assertInvalidPageToken(() -> CallContext.callAs("frontend", Purpose.SERVICE_PROVISION, () -> other.cursor(accounts("projects/a", token))));
  }

  @Test
  void tamperedForgedOrOldFormatTokens_areRefused() {
    String token = issue("frontend", accounts("projects/a", ""), "7");
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    for (int i = 0; i < bytes.length; i++) {
      byte[] flipped = Arrays.copyOf(bytes, bytes.length);
      flipped[i] ^= 0x01;
      String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
      assertInvalidPageToken(() -> read("frontend", accounts("projects/a", tampered)));
    }
    String oldFormat = Base64.getUrlEncoder().withoutPadding().encodeToString("c1:0".getBytes(StandardCharsets.UTF_8));
    String negative = Base64.getUrlEncoder().withoutPadding().encodeToString("c1:-1".getBytes(StandardCharsets.UTF_8));
    for (String forged : new String[] {oldFormat, negative, "not-ours!", "AQ", token.substring(0, token.length() - 2)}) {
      assertInvalidPageToken(() -> read("frontend", accounts("projects/a", forged)));
    }
  }

  @Test
  void token_expiresAfterItsLifetime() {
    String token = issue("frontend", accounts("projects/a", ""), "7");
    clock.advance(PageTokens.LIFETIME.minus(Duration.ofMinutes(1)));
    assertThat(read("frontend", accounts("projects/a", token))).isEqualTo("7");
    clock.advance(Duration.ofMinutes(1));
    assertInvalidPageToken(() -> read("frontend", accounts("projects/a", token)));
  }

  @Test
  void resourceNames_parse() {
    assertThat(ResourceNames.parse("name", "projects/acme/accounts/42", "projects/{project}/accounts/{account}"))
        .containsExactly("acme", "42");
    assertThatThrownBy(() -> ResourceNames.parse("name", "projects/acme", "projects/{project}/accounts/{account}"))
        .isInstanceOf(DomainException.class);
  }
}
