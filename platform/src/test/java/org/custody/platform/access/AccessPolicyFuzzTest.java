package org.custody.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/** The access-policy loader and the header parsers: bad text is a clear refusal, never a crash. */
class AccessPolicyFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void policyLoader_loadsOrSaysWhatIsWrong(byte[] yaml) {
    try {
      AccessPolicy policy = AccessPolicy.parse(new ByteArrayInputStream(yaml), "fuzz.yaml");
      for (String method : policy.methods()) {
        assertThat(policy.rulesFor(method)).allSatisfy((caller, purposes) -> assertThat(purposes).isNotEmpty());
      }
    } catch (IllegalStateException e) {
      assertThat(e.getMessage()).startsWith("fuzz.yaml");
    }
  }

  @FuzzTest(maxDuration = "30s")
  void purposeHeader_parsesToAKnownPurposeOrNothing(FuzzedDataProvider data) {
    String header = data.consumeRemainingAsString();
    Purpose.parse(header).ifPresent(p -> assertThat(header.trim().toUpperCase(java.util.Locale.ROOT)).endsWith(p.name()));
  }
}
