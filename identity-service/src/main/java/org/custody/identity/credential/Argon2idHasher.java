package org.custody.identity.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters.Builder;

/**
 * Argon2id password hashing (BouncyCastle) with the configured cost, producing PHC strings.
 * Passwords are NFKC-normalised first, so the same password typed on different keyboards or
 * platforms (composed or decomposed accents) verifies. CPU- and memory-heavy: callers run it on
 * the dedicated hashing pool, never on the request threads.
 */
public final class Argon2idHasher {
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final Argon2Parameters parameters;
  private final SecureRandom random;

  public Argon2idHasher(Argon2Parameters parameters, SecureRandom random) {
    this.parameters = parameters;
    this.random = random;
  }

  public Argon2Parameters parameters() {
    return parameters;
  }

  /** A new PHC string for {@code password} with a fresh random salt and the configured cost. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new PhcString(PhcString.VERSION_13, parameters, salt, derive(password, salt, parameters, PhcString.VERSION_13, HASH_BYTES)).format();
  }

  /** Whether {@code password} matches {@code phc}; false for anything that is not a valid PHC string. */
  public boolean verify(String phc, String password) {
    Optional<PhcString> parsed = PhcString.parse(phc);
    if (parsed.isEmpty()) {
      return false;
    }
    PhcString stored = parsed.get();
    byte[] candidate = derive(password, stored.salt(), stored.parameters(), stored.version(), stored.hash().length);
    return MessageDigest.isEqual(candidate, stored.hash());
  }

  /** True when {@code phc} was made with weaker parameters (or an older format) than configured now. */
  public boolean needsRehash(String phc) {
    return PhcString.parse(phc)
        .map(p -> p.version() != PhcString.VERSION_13 || p.hash().length < HASH_BYTES || p.parameters().weakerThan(parameters))
        .orElse(true);
  }

  private static byte[] derive(String password, byte[] salt, Argon2Parameters cost, int version, int length) {
    byte[] secret = Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(new Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
          .withVersion(version)
          .withMemoryAsKB(cost.memoryKib())
          .withIterations(cost.iterations())
          .withParallelism(cost.parallelism())
          .withSalt(salt)
          .build());
      byte[] out = new byte[length];
      generator.generateBytes(secret, out);
      return out;
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }
}
