package org.custody.platform.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "4111111111111111",
      "4111 1111 1111 1111",
      "4111-1111-1111-1111",
      "4111.1111.1111.1111",
      "card: 4111 1111 1111 1111, thanks",
      "4111 1111 1111 1111 737",          // followed by a CVV
      "cvv 737 4111-1111-1111-1111",       // preceded by one
      "378282246310005",                   // Amex, 15 digits
      "3782 822463 10005",                 // Amex grouping 4-6-5
      "6011111111111117",                  // Discover
      "30569309025904",                    // Diners, 14 digits
      "4222222222222",                     // Visa, 13 digits
      "6212345678901265",                  // UnionPay
      "5555555555554444",                  // Mastercard
      "2223003122003222",                  // Mastercard 2-series
      "3530111333300000",                  // JCB
      "x4111111111111111y",                // a single run inside a word
      "4111111111111111@example.com",      // the local part of an address
      "４１１１１１１１１１１１１１１１",         // full-width digits
      "٤١١١١١١١١١١١١١١١",                  // Arabic-Indic digits
      "४१११ ११११ ११११ ११११",                 // Devanagari digits, grouped
      "4111\u00a01111\u00a01111\u00a01111", // no-break spaces
      "4111%201111%201111%201111",         // percent-encoded spaces
      "4111+1111+1111+1111",               // form-encoded spaces
      "/pay/%34%31%31%31%31%31%31%31%31%31%31%31%31%31%31%31", // percent-encoded digits
      "4111%25201111%25201111%25201111",   // encoded twice
      "exp 12 30 4111 1111 1111 1111 737", // an expiry before it, a CVV after it
      "4111 1111 1111 1111 12 30"          // an expiry after it
  })
  void P3_containsCardNumber_findsLuhnValidNumbersOfKnownIssuers(String text) {
    assertThat(CardNumbers.containsCardNumber(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "4111 1111 1111 1112",        // fails Luhn
      "411111111111",               // 12 digits
      "41111111111111111111",       // 20 contiguous digits: no card number is that long
      "4111  1111  1111  1111",     // double spaces do not join groups
      "01111111111111110",          // no issuer starts with 0
      "1234567812345670",           // Luhn-valid, but no issuer prefix 12
      "41111111111111",             // Visa prefix, Luhn-valid, but 14 digits
      "41111111-1111-4111-8111-111111111111", // a UUID of digits only
      "a4111111111111111b2c",       // a generated id: letters and several digit runs
      "838-6642246-5895834",        // an order number grouped 3-7-7
      "DE88 3677 5977 0102 4926 32", // an IBAN: groups written against letters
      "4111 1111 1111 1111 12345 67890", // inside a longer run of groups
      "Hauptstrasse 12, 10115 Berlin",
      "INV-2026-000042",
      "+49 30 1234567",
      "737"
  })
  void P3_containsCardNumber_leavesOtherTextAlone(String text) {
    assertThat(CardNumbers.containsCardNumber(text)).isFalse();
  }

  @Test
  void luhnValid_knownValues() {
    assertThat(CardNumbers.luhnValid("79927398713")).isTrue();
    assertThat(CardNumbers.luhnValid("79927398710")).isFalse();
  }

  @Test
  void digitValue_countsDigitsOfAnyScriptButNotLetters() {
    assertThat(CardNumbers.digitValue('7')).isEqualTo(7);
    assertThat(CardNumbers.digitValue('７')).isEqualTo(7);
    assertThat(CardNumbers.digitValue('٧')).isEqualTo(7);
    assertThat(CardNumbers.digitValue('a')).isEqualTo(-1);
    assertThat(CardNumbers.digitValue('Ⅶ')).isEqualTo(7);
  }
}
