package org.custody.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.custody.platform.access.CallContext;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.testkit.MutableClock;
import org.custody.proto.identity.v1.ListAccountsRequest;

/** The parsers of outside text in the API layer: resource names and page tokens. */
class ApiParsersFuzzTest {
  private static final PageTokens TOKENS = new PageTokens(
      () -> "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), new MutableClock(Instant.parse("2026-06-15T12:00:00Z")));
  private static final List<String> PATTERNS = List.of("projects/{project}", "projects/{project}/accounts/{account}",
      "recipients/{recipient}", "projects/{project}/sessions/{session}");

  @FuzzTest(maxDuration = "30s")
  void resourceNames_parseOrRefuseWithAFieldViolation(FuzzedDataProvider data) {
    String pattern = data.pickValue(PATTERNS);
    String name = data.consumeRemainingAsString();
    try {
      List<String> ids = ResourceNames.parse("name", name, pattern);
      assertThat(ids).isNotEmpty().allSatisfy(id -> assertThat(id).isNotEmpty().doesNotContain("/"));
    } catch (DomainException e) {
      assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("name"));
    }
  }

  @FuzzTest(maxDuration = "30s")
  void pageTokens_onlyEverYieldWhatWasSealed(FuzzedDataProvider data) {
    String parent = "projects/" + data.consumeString(20);
    String token = data.consumeRemainingAsString();
    ListAccountsRequest request = ListAccountsRequest.newBuilder().setParent(parent).setPageToken(token).build();
    CallContext.callAs("frontend", Purpose.SERVICE_PROVISION, () -> {
      try {
        String cursor = TOKENS.cursor(request);
        // Only the empty token (first page) decodes: forging a sealed token means breaking AES-GCM.
        assertThat(token).isEmpty();
        assertThat(cursor).isEmpty();
      } catch (DomainException e) {
        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("page_token"));
      }
      String sealed = TOKENS.next(request.toBuilder().clearPageToken().build(), token);
      assertThat(TOKENS.cursor(request.toBuilder().setPageToken(sealed).build())).isEqualTo(token);
      return null;
    });
  }
}
