package org.custody.billing.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "4111111111111111",
      "4111 1111 1111 1111",
      "4111-1111-1111-1111",
      "card: 4111 1111 1111 1111, thanks",
      "4111 1111 1111 1111 737",          // followed by a CVV
      "cvv 737 4111-1111-1111-1111",       // preceded by one
      "378282246310005",                   // Amex, 15 digits
      "3782 822463 10005",                 // Amex grouping 4-6-5
      "6011111111111117",                  // Discover
      "30569309025904",                    // Diners, 14 digits
      "4222222222222",                     // Visa, 13 digits
      "6212345678901265",                  // UnionPay
      "x4111111111111111y",                // inside an identifier
      "４１１１１１１１１１１１１１１１",         // full-width digits
      "4111\u00a01111\u00a01111\u00a01111"  // no-break spaces
  })
  void P3_containsCardNumber_findsLuhnValidRuns(String text) {
    assertThat(CardNumbers.containsCardNumber(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "4111 1111 1111 1112",        // fails Luhn
      "411111111111",               // 12 digits
      "41111111111111111111",       // 20 contiguous digits: no card number is that long
      "4111  1111  1111  1111",     // double spaces do not join groups
      "Hauptstrasse 12, 10115 Berlin",
      "INV-2026-000042",
      "+49 30 1234567",
      "737"
  })
  void containsCardNumber_leavesOtherTextAlone(String text) {
    assertThat(CardNumbers.containsCardNumber(text)).isFalse();
  }

  @Test
  void containsContiguousCardNumber_ignoresDashGroups() {
    assertThat(CardNumbers.containsContiguousCardNumber("4111-1111-1111-1111")).isFalse();
    assertThat(CardNumbers.containsContiguousCardNumber("a-4111111111111111-b")).isTrue();
  }

  @Test
  void containsContiguousCardNumber_neverFlagsARandomUuid() {
    for (int i = 0; i < 20_000; i++) {
      assertThat(CardNumbers.containsContiguousCardNumber(UUID.randomUUID().toString())).isFalse();
    }
  }

  @Test
  void luhnValid_knownValues() {
    assertThat(CardNumbers.luhnValid("79927398713")).isTrue();
    assertThat(CardNumbers.luhnValid("79927398710")).isFalse();
  }
}
