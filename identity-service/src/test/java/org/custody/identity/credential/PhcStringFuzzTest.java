package org.custody.identity.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Stored password hashes: any text parses to an Argon2id PHC string that formats back to itself, or to nothing. */
class PhcStringFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse_roundTripsOrIsEmpty(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    PhcString.parse(text).ifPresent(phc -> assertThat(PhcString.parse(phc.format())).hasValueSatisfying(again -> {
      assertThat(again.format()).isEqualTo(phc.format());
      assertThat(again.hash()).isEqualTo(phc.hash());
    }));
  }
}
