package org.custody.billing.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.custody.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class AddressRulesTest {
  private static List<String> violatedFields(PostalAddress address) {
    List<FieldViolation> violations = new ArrayList<>();
    AddressRules.check(address, "address", violations);
    return violations.stream().map(FieldViolation::field).toList();
  }

  @Test
  void check_wellFormedAddresses_pass() {
    assertThat(violatedFields(new PostalAddress(List.of("Unter den Linden 1"), "Berlin", "", "10117", "DE"))).isEmpty();
    assertThat(violatedFields(new PostalAddress(List.of("1600 Amphitheatre Pkwy"), "Mountain View", "CA", "94043-1351", "US"))).isEmpty();
    assertThat(violatedFields(new PostalAddress(List.of("10 Downing St"), "London", "", "sw1a 2aa", "GB"))).isEmpty();
    assertThat(violatedFields(new PostalAddress(List.of("Shop 1"), "Dubai", "", "", "AE"))).isEmpty();
  }

  @Test
  void check_unknownCountry_isRefused() {
    assertThat(violatedFields(new PostalAddress(List.of("x"), "y", "", "", "XK"))).containsExactly("address.region_code");
    assertThat(violatedFields(new PostalAddress(List.of("x"), "y", "", "", "ZZ"))).containsExactly("address.region_code");
  }

  @Test
  void check_postalCodeOfTheWrongFormat_isRefused() {
    assertThat(violatedFields(new PostalAddress(List.of("x"), "Berlin", "", "1011", "DE"))).containsExactly("address.postal_code");
    assertThat(violatedFields(new PostalAddress(List.of("x"), "Berlin", "", "", "DE"))).containsExactly("address.postal_code");
    assertThat(violatedFields(new PostalAddress(List.of("x"), "Paris", "", "750O1", "FR"))).containsExactly("address.postal_code");
  }

  @Test
  void check_stateMissingWhereThePostNeedsIt_isRefused() {
    assertThat(violatedFields(new PostalAddress(List.of("x"), "Austin", "", "73301", "US"))).containsExactly("address.administrative_area");
  }

  @Test
  void check_blankLinesAndControlCharacters_areRefused() {
    assertThat(violatedFields(new PostalAddress(List.of("  ", "ok\nline"), " ", "", "10117", "DE")))
        .containsExactly("address.address_lines[0]", "address.address_lines[1]", "address.locality");
    assertThat(violatedFields(new PostalAddress(List.of(), "Berlin", "", "10117", "DE"))).containsExactly("address.address_lines");
  }

  @Test
  void normalize_trimsAndUpperCasesThePostalCode() {
    PostalAddress normalized = AddressRules.normalize(new PostalAddress(List.of(" 10 Downing St "), " London ", "", " sw1a 2aa ", "GB"));
    assertThat(normalized).isEqualTo(new PostalAddress(List.of("10 Downing St"), "London", "", "SW1A 2AA", "GB"));
  }
}
