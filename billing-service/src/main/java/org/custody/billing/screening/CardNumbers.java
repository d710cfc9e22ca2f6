package org.custody.billing.screening;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds payment card numbers (PANs) in free text, so that none can enter the suite (P3, PCI DSS
 * scope): a run of 13 to 19 decimal digits that passes the Luhn check, written contiguously or in
 * groups separated by a single space or dash ({@code 4111 1111 1111 1111},
 * {@code 4111-1111-1111-1111}, {@code 3782 822463 10005}).
 *
 * <p>Every span of consecutive groups is checked, so a number followed or preceded by other
 * digits in their own group (a CVV, an expiry) is still found. Digits of any script count, so
 * full-width or Arabic-Indic digits do not slip through. A single contiguous run longer than 19
 * digits is not a card number and is not split.
 */
public final class CardNumbers {
  static final int MIN_DIGITS = 13;
  static final int MAX_DIGITS = 19;

  private CardNumbers() {}

  /** Whether the text holds a card number, grouped or not. */
  public static boolean containsCardNumber(CharSequence text) {
    return find(text, true);
  }

  /**
   * Whether the text holds a card number written as one contiguous run of digits. For values
   * whose dashes are structure rather than grouping (UUIDs), where joining groups would find
   * "numbers" that no one wrote.
   */
  public static boolean containsContiguousCardNumber(CharSequence text) {
    return find(text, false);
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

  private static boolean find(CharSequence text, boolean grouped) {
    List<String> groups = new ArrayList<>();
    StringBuilder group = new StringBuilder();
    int n = text.length();
    for (int i = 0; i < n; i++) {
      int digit = Character.digit(text.charAt(i), 10);
      if (digit >= 0) {
        group.append((char) ('0' + digit));
        continue;
      }
      if (group.length() > 0) {
        groups.add(group.toString());
        group.setLength(0);
        boolean continues = grouped && isSeparator(text.charAt(i)) && i + 1 < n && Character.digit(text.charAt(i + 1), 10) >= 0;
        if (!continues) {
          if (anySpanIsCard(groups)) {
            return true;
          }
          groups.clear();
        }
      }
    }
    if (group.length() > 0) {
      groups.add(group.toString());
    }
    return anySpanIsCard(groups);
  }

  private static boolean anySpanIsCard(List<String> groups) {
    for (int first = 0; first < groups.size(); first++) {
      StringBuilder span = new StringBuilder();
      for (int last = first; last < groups.size(); last++) {
        span.append(groups.get(last));
        if (span.length() > MAX_DIGITS) {
          break;
        }
        if (span.length() >= MIN_DIGITS && luhnValid(span)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-' || c == '\u00A0' || c == '\u2013' || c == '\u2010' || c == '\u2011';
  }
}
