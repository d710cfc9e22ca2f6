package org.custody.identity.credential;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/**
 * What a new password must be (P15): 8 to 128 characters (code points) of any Unicode, and not
 * common or easy to guess. Guessability is zxcvbn's estimate, with the dictionaries it ships plus
 * the person's own name, company and e-mail (a password made of those is refused).
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 128;

  private final Zxcvbn zxcvbn = new Zxcvbn();
  private final int minimumScore;

  /** @param minimumScore zxcvbn score (0..4) a password must reach; 2 refuses "very" and "too" guessable ones */
  public PasswordPolicy(int minimumScore) {
    if (minimumScore < 0 || minimumScore > 4) {
      throw new IllegalArgumentException("zxcvbn scores run from 0 to 4");
    }
    this.minimumScore = minimumScore;
  }

  /**
   * Refuses {@code password} with a field violation on {@code field}; descriptions never quote it.
   *
   * @param personalInputs values a guesser would try first (name, company, e-mail)
   */
  public void check(String field, String password, List<String> personalInputs) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw DomainException.invalid("PASSWORD_LENGTH",
          List.of(new FieldViolation(field, "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long")));
    }
    List<String> inputs = new ArrayList<>();
    for (String input : personalInputs) {
      if (input != null && !input.isBlank()) {
        String lower = input.toLowerCase(java.util.Locale.ROOT);
        inputs.add(lower);
        inputs.add(lower.replaceAll("[\\s.@_-]+", ""));
        inputs.addAll(List.of(lower.split("[@.\\s_-]+")));
      }
    }
    if (zxcvbn.measure(password, inputs).getScore() < minimumScore) {
      throw DomainException.invalid("PASSWORD_TOO_WEAK",
          List.of(new FieldViolation(field, "is too common or too easy to guess; use a longer, less predictable password")));
    }
  }
}
