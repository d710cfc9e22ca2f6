package org.custody.platform.screening;

import java.util.regex.Pattern;

/**
 * Finds e-mail addresses in text, as sent or percent-decoded ({@code jane%40example.com}): a
 * local part, an {@code @}, and a domain with at least one dot.
 */
public final class EmailAddresses {
  private static final Pattern ADDRESS = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");

  private EmailAddresses() {}

  public static boolean containsEmailAddress(String text) {
    if (text.indexOf('@') >= 0 && ADDRESS.matcher(text).find()) {
      return true;
    }
    if (text.indexOf('%') < 0) {
      return false;
    }
    String decoded = PercentDecoding.decode(text);
    return decoded.indexOf('@') >= 0 && ADDRESS.matcher(decoded).find();
  }
}
