package org.custody.identity.credential;

/**
 * Argon2id cost parameters.
 *
 * @param memoryKib memory in KiB (OWASP minimum 19456, i.e. 19 MiB)
 * @param iterations passes over memory (OWASP minimum 2 at 19 MiB)
 * @param parallelism lanes
 */
public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {
  /** OWASP's minimum recommendation for Argon2id. */
  public static final Argon2Parameters OWASP_MINIMUM = new Argon2Parameters(19_456, 2, 1);

  public Argon2Parameters {
    if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException("impossible Argon2 parameters");
    }
  }

  /** True when {@code other} costs more in memory or time than these: a hash made with these should be redone. */
  public boolean weakerThan(Argon2Parameters other) {
    return memoryKib < other.memoryKib || iterations < other.iterations || parallelism < other.parallelism;
  }

  /** True when these meet OWASP's minimum. */
  public boolean meetsOwaspMinimum() {
    return memoryKib >= OWASP_MINIMUM.memoryKib && iterations >= OWASP_MINIMUM.iterations && parallelism >= 1;
  }
}
