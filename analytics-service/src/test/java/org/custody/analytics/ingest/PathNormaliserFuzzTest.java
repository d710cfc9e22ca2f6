package org.custody.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The page-view URL normaliser: any text is a normalised ASCII path of bounded length, or refused. */
class PathNormaliserFuzzTest {
  private final PathNormaliser normaliser = new PathNormaliser();

  @FuzzTest(maxDuration = "30s")
  void normalise_yieldsABoundedPathOrRefuses(FuzzedDataProvider data) {
    String url = data.consumeRemainingAsString();
    try {
      String path = normaliser.normalise(url).path();
      assertThat(path).startsWith("/").hasSizeLessThanOrEqualTo(PathNormaliser.MAX_PATH_LENGTH);
      assertThat(path.chars().allMatch(c -> c > 0x20 && c < 0x7f)).as("printable ASCII: %s", path).isTrue();
    } catch (InvalidUrlException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
