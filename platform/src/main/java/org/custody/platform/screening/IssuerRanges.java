package org.custody.platform.screening;

/**
 * The issuer identification number ranges of the card schemes, with the lengths each issues: a
 * run of digits that starts elsewhere, or has another length, is not a card number however its
 * Luhn check comes out. Order numbers and timestamps that begin with 1 (Unix times in ms, µs,
 * ns) or 0 fall outside every range.
 */
final class IssuerRanges {
  /** prefix low, prefix high (same number of digits), shortest and longest length. */
  private static final long[][] RANGES = {
      {4, 4, 13, 13}, {4, 4, 16, 16}, {4, 4, 19, 19},  // Visa
      {51, 55, 16, 16}, {2221, 2720, 16, 16},           // Mastercard
      {34, 34, 15, 15}, {37, 37, 15, 15},               // American Express
      {6011, 6011, 16, 19}, {644, 649, 16, 19}, {65, 65, 16, 19}, // Discover, RuPay 65
      {622126, 622925, 16, 19}, {62, 62, 16, 19}, {81, 82, 16, 19}, // UnionPay, RuPay 81-82
      {300, 305, 14, 19}, {3095, 3095, 14, 19}, {36, 36, 14, 19}, {38, 39, 16, 19}, // Diners Club
      {3528, 3589, 16, 19},                             // JCB
      {50, 50, 13, 19}, {56, 69, 13, 19},               // Maestro, Verve, RuPay 60, Dankort, InterPayment
      {2200, 2204, 16, 19},                             // Mir
      {1, 1, 15, 15},                                   // UATP
      {9792, 9792, 16, 16},                             // Troy
  };

  private IssuerRanges() {}

  /** Whether ASCII digits of this length start with a prefix some scheme issues at this length. */
  static boolean issued(CharSequence digits) {
    int length = digits.length();
    for (long[] range : RANGES) {
      if (length < range[2] || length > range[3]) {
        continue;
      }
      int prefixDigits = Long.toString(range[0]).length();
      long prefix = Long.parseLong(digits, 0, prefixDigits, 10);
      if (prefix >= range[0] && prefix <= range[1]) {
        return true;
      }
    }
    return false;
  }
}
