package org.custody.identity.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Argon2idHasherTest {
  private static final Argon2Parameters SMALL = new Argon2Parameters(256, 3, 2);

  @Test
  void verify_acceptsAHashMadeByTheReferenceImplementation() {
    // echo -n "pässwörd ünïcode" | argon2 saltsaltsalt -id -t 3 -k 256 -p 2 -l 32 -e
    String reference = "$argon2id$v=19$m=256,t=3,p=2$c2FsdHNhbHRzYWx0$QLA7pZFAae7+ZXNHEFWJhcujCuLik9qv7bgZGC1FfuI";
    Argon2idHasher hasher = new Argon2idHasher(SMALL, new SecureRandom());
    assertThat(hasher.verify(reference, "pässwörd ünïcode")).isTrue();
    assertThat(hasher.verify(reference, "passwörd ünïcode")).isFalse();
  }

  @Test
  void verify_acceptsTheReferenceVectorWithOtherParameters() {
    // echo -n "password" | argon2 somesalt -id -t 2 -m 16 -p 4 -l 24 -e
    String reference = "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU";
    assertThat(new Argon2idHasher(SMALL, new SecureRandom()).verify(reference, "password")).isTrue();
  }

  @Test
  void hash_writesAPhcStringWithTheConfiguredCostAndAFreshSalt() {
    Argon2idHasher hasher = new Argon2idHasher(SMALL, new SecureRandom());
    String one = hasher.hash("correct horse battery staple");
    String two = hasher.hash("correct horse battery staple");
    assertThat(one).startsWith("$argon2id$v=19$m=256,t=3,p=2$").isNotEqualTo(two);
    assertThat(hasher.verify(one, "correct horse battery staple")).isTrue();
    assertThat(hasher.verify(one, "correct horse battery stapler")).isFalse();
  }

  @Test
  void verify_normalisesUnicode() {
    Argon2idHasher hasher = new Argon2idHasher(SMALL, new SecureRandom());
    String composed = hasher.hash("caf\u00e9 au lait!");
    assertThat(hasher.verify(composed, "cafe\u0301 au lait!")).isTrue();
  }

  @Test
  void needsRehash_whenTheConfiguredCostIsStronger() {
    String weak = new Argon2idHasher(SMALL, new SecureRandom()).hash("correct horse battery staple");
    Argon2idHasher stronger = new Argon2idHasher(new Argon2Parameters(512, 3, 2), new SecureRandom());
    assertThat(stronger.needsRehash(weak)).isTrue();
    assertThat(stronger.needsRehash(stronger.hash("x y z w v u"))).isFalse();
    assertThat(new Argon2idHasher(SMALL, new SecureRandom()).needsRehash(stronger.hash("x y z w v u"))).isFalse();
  }

  @Test
  void verify_refusesAnythingButArgon2idPhc() {
    Argon2idHasher hasher = new Argon2idHasher(SMALL, new SecureRandom());
    assertThat(hasher.verify("", "x")).isFalse();
    assertThat(hasher.verify("$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", "password")).isFalse();
    assertThat(hasher.verify("$2a$10$abcdefghijklmnopqrstuv", "password")).isFalse();
  }

  @Test
  void owaspMinimum_isTheFloor() {
    assertThat(Argon2Parameters.OWASP_MINIMUM.meetsOwaspMinimum()).isTrue();
    assertThat(new Argon2Parameters(19_455, 2, 1).meetsOwaspMinimum()).isFalse();
    assertThat(new Argon2Parameters(19_456, 1, 1).meetsOwaspMinimum()).isFalse();
  }
}
