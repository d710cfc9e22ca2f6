package org.custody.identity.factor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238 codes against the RFC's own test vectors, the drift window, replay, and the secret seal. */
class TotpTest {
  private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void code_matchesTheRfc6238Sha1Vectors() {
    // RFC 6238 appendix B gives 8 digits; the last 6 are the 6-digit code of the same step.
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
  }

  @Test
  void P15_match_acceptsOneStepOfDrift_onlyAfterTheLastAcceptedStep() {
    Instant now = Instant.ofEpochSecond(1111111109);
    long step = Totp.step(now);
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now, Long.MIN_VALUE)).hasValue(step - 1);
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, Long.MIN_VALUE)).hasValue(step + 1);
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now, Long.MIN_VALUE)).isEmpty();
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step), now, step)).as("replay").isEmpty();
    assertThat(Totp.match(RFC_SECRET, " " + Totp.code(RFC_SECRET, step) + " ", now, step - 1)).hasValue(step);
  }

  @Test
  void seal_opensOnlyForTheSameAccount() {
    SecretSeal seal = new SecretSeal(new byte[32], new SecureRandom());
    byte[] sealed = seal.seal(RFC_SECRET, "acme", "ann");
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("1234567890");
    assertThat(seal.open(sealed, "acme", "ann")).isEqualTo(RFC_SECRET);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> seal.open(sealed, "acme", "bob")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void recoveryCodes_areTenDistinct80BitCodes_hashedWithoutSeparatorsOrCase() {
    var codes = RecoveryCodes.generate(new SecureRandom());
    assertThat(codes).hasSize(10).doesNotHaveDuplicates();
    String code = codes.get(0);
    assertThat(RecoveryCodes.hash(code.toLowerCase().replace("-", " "))).isEqualTo(RecoveryCodes.hash(code));
    assertThat(RecoveryCodes.hash(codes.get(1))).isNotEqualTo(RecoveryCodes.hash(code));
  }
}
