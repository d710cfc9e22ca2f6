package org.custody.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PathNormaliserTest {
  private final PathNormaliser normaliser = new PathNormaliser();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://acme.example/users/jane@example.com/reset/3f9a0c1d2e4b5a69 | /users/:email/reset/:token",
      "https://acme.example/docs/getting-started?utm_source=news#install   | /docs/getting-started",
      "/orders/123456/items/42?session=abc                                 | /orders/:id/items/:id",
      "/invoices/8c2f1a6e-4b7d-4f3a-9c1e-2d5b6a7f8e90                      | /invoices/:id",
      "/reset/dGhpc0lzQVJhbmRvbVRva2VuMTIz                                 | /reset/:token",
      "/confirm/Xk9pQ2rT7vW1zL8m                                           | /confirm/:token",
      "/u/jane%40example.com/profile                                       | /u/:email/profile",
      "/cart;jsessionid=0123456789ABCDEF/checkout                          | /cart/checkout",
      "https://acme.example                                                | /",
      "/                                                                   | /",
      "/blog/2024-05-01-release-notes                                      | /blog/2024-05-01-release-notes",
      "/docs/AbstractFactoryPattern                                        | /docs/AbstractFactoryPattern",
      "/docs/getting-started-with-analytics/                               | /docs/getting-started-with-analytics/",
      "/a//b                                                               | /a//b",
      "/search/%E2%9C%93                                                   | /search/%E2%9C%93",
      "/café/menü                                                         | /caf%C3%A9/men%C3%BC",
  })
  void normalise_dropsQueryAndFragment_andReplacesIdentifyingSegments(String url, String path) throws Exception {
    assertThat(normaliser.normalise(url).path()).isEqualTo(path);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/pay/4111111111111111/done                        | /pay/:card/done       | 1 | false",
      "/pay/4111-1111-1111-1111/done                     | /pay/:card/done       | 1 | false",
      "/pay/4111.1111.1111.1111                          | /pay/:card            | 1 | false",
      "/pay/4111%201111%201111%201111                    | /pay/:card            | 1 | false",
      "/pay/%34%31%31%31%31%31%31%31%31%31%31%31%31%31%31%31 | /pay/:card        | 1 | false",
      "/pay/%EF%BC%94%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91 | /pay/:card | 1 | false",
      "/checkout?card=4111+1111+1111+1111                | /checkout             | 0 | true",
      "/checkout#4111-1111-1111-1111                     | /checkout             | 0 | true",
      "/checkout;c=4111111111111111/next                 | /checkout/next        | 0 | true",
      "/orders/123456?session=abc                        | /orders/:id           | 0 | false",
  })
  void P3_normalise_cardNumbers_areReplacedOrDropped_andCounted(String url, String path, int segments, boolean dropped) throws Exception {
    NormalisedUrl normalised = normaliser.normalise(url);
    assertThat(normalised.path()).isEqualTo(path);
    assertThat(normalised.cardSegments()).isEqualTo(segments);
    assertThat(normalised.cardInDroppedPart()).isEqualTo(dropped);
  }

  @Test
  void normalise_absoluteUrl_keepsTheHostForReferralChecksOnly() throws Exception {
    NormalisedUrl url = normaliser.normalise("HTTPS://Acme.Example./pricing");
    assertThat(url.host()).isEqualTo("acme.example");
    assertThat(url.path()).isEqualTo("/pricing");
    assertThat(normaliser.normalise("/pricing").host()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "docs/relative", "javascript:alert(1)", "ftp://acme.example/x", "https://exa mple.com/",
      "http:///no-host", "//acme.example/protocol-relative", "mailto:jane@example.com", "/bad path with spaces"})
  void normalise_badUrls_areRefused_withoutEchoingThem(String url) {
    assertThatThrownBy(() -> normaliser.normalise(url))
        .isInstanceOf(InvalidUrlException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(url.isEmpty() ? "\u0000" : url));
  }

  @Test
  void normalise_overlongPath_isRefused() {
    String url = "/" + "section/".repeat(80);
    assertThatThrownBy(() -> normaliser.normalise(url)).isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("512");
  }

  @Test
  void looksLikeToken_wordsAndSlugs_areNotTokens() {
    assertThat(PathNormaliser.looksLikeToken("getting-started")).isFalse();
    assertThat(PathNormaliser.looksLikeToken("Q3-2024-Financial-Report")).isFalse();
    assertThat(PathNormaliser.looksLikeToken("a1b2c3d4e5f6")).isTrue();
    assertThat(PathNormaliser.looksLikeToken("x".repeat(65))).isTrue();
  }
}
