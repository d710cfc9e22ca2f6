package org.custody.platform.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds payment card numbers (PANs) in free text, so that none can enter the suite outside
 * billing's processor-token fields (P3, PCI DSS scope). The rule, documented in
 * {@code docs/card-number-screen.md} with its measured false-positive rate:
 *
 * <ul>
 *   <li>a candidate is 13 to 19 digits, written contiguously or in groups of four to six digits
 *       (the last group any size) separated by one space, dash or dot ({@code 4111 1111 1111 1111},
 *       {@code 3782-822463-10005}, {@code 4111.1111.1111.1111}); up to two groups of at most four
 *       digits (a CVV, an expiry) before or after it in the same run of groups do not hide it;
 *   <li>a digit is any character whose {@link Character#getNumericValue} is 0 to 9 and that is
 *       not a letter (full-width, Arabic-Indic, Devanagari digits... all count);
 *   <li>the text is also read percent-decoded (up to three times, and with {@code +} as a
 *       space), so {@code 4111%201111...} and {@code %34%31%31%31...} are found;
 *   <li>the candidate passes the Luhn check and starts with a known issuer prefix at a length
 *       that issuer uses ({@link IssuerRanges});
 *   <li>system-generated ids are not read as card numbers: a UUID's dashes are structure, not
 *       grouping, and a word mixing letters with two or more runs of digits (hexadecimal,
 *       base32 or base64 ids) contributes no digits. A word with a single run of digits
 *       ({@code card4111111111111111}) is still read, but a run of groups written against
 *       letters ({@code DE88 3677 ...}, an IBAN) is a structured identifier.
 * </ul>
 */
public final class CardNumbers {
  static final int MIN_DIGITS = 13;
  static final int MAX_DIGITS = 19;
  private static final Pattern UUID = Pattern.compile(
      "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

  private CardNumbers() {}

  /** Whether the text holds a card number in any of the forms above. */
  public static boolean containsCardNumber(CharSequence text) {
    String current = text.toString();
    for (int round = 0; ; round++) {
      if (findIn(current)) {
        return true;
      }
      if (round == 3 || (current.indexOf('%') < 0 && current.indexOf('+') < 0)) {
        return false;
      }
      String decoded = PercentDecoding.decode(current);
      if (decoded.equals(current)) {
        return false;
      }
      current = decoded;
    }
  }

  /** The Luhn (mod 10) check over ASCII digits. */
  static boolean luhnValid(CharSequence digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  /** The decimal value of a digit of any script, or -1. */
  static int digitValue(int codePoint) {
    if (codePoint < 0x80) {
      return codePoint >= '0' && codePoint <= '9' ? codePoint - '0' : -1;
    }
    if (Character.isLetter(codePoint)) {
      return -1;
    }
    int value = Character.getNumericValue(codePoint);
    return value >= 0 && value <= 9 ? value : -1;
  }

  private static boolean findIn(String text) {
    int[] chars = withoutUuidDashes(text).codePoints().toArray();
    List<DigitRun> runs = digitRuns(chars);
    List<DigitRun> chain = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      DigitRun run = runs.get(i);
      chain.add(run);
      boolean continues = i + 1 < runs.size() && runs.get(i + 1).start() == run.end() + 1 && isSeparator(chars[run.end()]);
      if (!continues) {
        if (chainHoldsCard(chain, chars)) {
          return true;
        }
        chain.clear();
      }
    }
    return false;
  }

  /**
   * Whether a chain of digit groups (joined by single separators) holds a card number: the whole
   * chain, or the chain without up to two short groups (at most four digits: a CVV, an expiry)
   * at either end. Groups
   * before the last have four to six digits, as cards are printed (4-4-4-4, 4-6-5, 4-6-4), so
   * order numbers grouped 3-7-7 are not read as cards. A grouped chain written against letters
   * ({@code DE88 3677 5977 0102 4926 32}, an IBAN) is a structured identifier, not a card.
   */
  private static boolean chainHoldsCard(List<DigitRun> chain, int[] chars) {
    int n = chain.size();
    if (n > 1 && (gluedBefore(chain.get(0), chars) || gluedAfter(chain.get(n - 1), chars))) {
      return false;
    }
    // Left out at either end: up to two groups of at most four digits (a CVV, an expiry).
    for (int first = 0; first <= 2 && first < n; first++) {
      if (first > 0 && chain.get(first - 1).digits().length() > 4) {
        break;
      }
      for (int last = n - 1; last >= first && last >= n - 3; last--) {
        if (last < n - 1 && chain.get(last + 1).digits().length() > 4) {
          break;
        }
        if (isCard(chain.subList(first, last + 1))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isCard(List<DigitRun> groups) {
    StringBuilder span = new StringBuilder();
    for (int i = 0; i < groups.size(); i++) {
      String digits = groups.get(i).digits();
      if (i < groups.size() - 1 && (digits.length() < 4 || digits.length() > 6)) {
        return false;
      }
      span.append(digits);
    }
    return span.length() >= MIN_DIGITS && span.length() <= MAX_DIGITS && IssuerRanges.issued(span) && luhnValid(span);
  }

  private static boolean gluedBefore(DigitRun run, int[] chars) {
    return run.start() > 0 && Character.isLetter(chars[run.start() - 1]);
  }

  private static boolean gluedAfter(DigitRun run, int[] chars) {
    return run.end() < chars.length && Character.isLetter(chars[run.end()]);
  }

  /** A UUID's dashes are structure: replaced by a character that does not join digit groups. */
  private static String withoutUuidDashes(String text) {
    if (text.length() < 36 || text.indexOf('-') < 0) {
      return text;
    }
    Matcher m = UUID.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text);
    do {
      for (int i = m.start(); i < m.end(); i++) {
        if (out.charAt(i) == '-') {
          out.setCharAt(i, '/');
        }
      }
    } while (m.find());
    return out.toString();
  }

  /**
   * The runs of digits (as ASCII) that may belong to a card number, in order: those of words
   * made of digits only, or of letters around a single run of digits; not those of words that
   * mix letters with several runs of digits, as generated ids do.
   */
  private static List<DigitRun> digitRuns(int[] chars) {
    List<DigitRun> runs = new ArrayList<>();
    List<DigitRun> word = new ArrayList<>();
    int i = 0;
    while (i < chars.length) {
      if (digitValue(chars[i]) < 0 && !Character.isLetter(chars[i])) {
        i++;
        continue;
      }
      boolean letters = false;
      word.clear();
      while (i < chars.length) {
        int digit = digitValue(chars[i]);
        if (digit >= 0) {
          int start = i;
          StringBuilder digits = new StringBuilder();
          while (i < chars.length && (digit = digitValue(chars[i])) >= 0) {
            digits.append((char) ('0' + digit));
            i++;
          }
          word.add(new DigitRun(start, i, digits.toString()));
        } else if (Character.isLetter(chars[i])) {
          letters = true;
          i++;
        } else {
          break;
        }
      }
      if (!letters || word.size() == 1) {
        runs.addAll(word);
      }
    }
    return runs;
  }

  private static boolean isSeparator(int c) {
    return c == ' ' || c == '-' || c == '.' || c == '\u00A0' || c == '\u2007' || c == '\u202F'
        || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2212' || c == '\u3000' || c == '\uFF0D';
  }

  /** @param end exclusive, in code points */
  private record DigitRun(int start, int end, String digits) {}
}
