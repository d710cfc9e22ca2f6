package org.custody.billing.invoice;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ISO 4217 currencies an invoice can be issued in: those with a minor unit (fraction digits 0
 * to 4). Codes without one (gold, SDR, the test code XTS, "no currency" XXX) are refused.
 */
public final class Currencies {
  private static final Set<String> CODES = Currency.getAvailableCurrencies().stream()
      .filter(c -> c.getDefaultFractionDigits() >= 0)
      .map(Currency::getCurrencyCode)
      .collect(Collectors.toUnmodifiableSet());

  private Currencies() {}

  public static boolean isIso4217(String code) {
    return CODES.contains(code);
  }
}
