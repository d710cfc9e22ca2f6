package org.custody.billing.profile;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.custody.billing.TextRules;
import org.custody.platform.errors.FieldViolation;

/**
 * What makes a postal address well-formed beyond the contract's length rules: a known ISO
 * 3166-1 alpha-2 country, non-blank lines, and, for the countries listed here, a postal code of
 * the country's format (required there) and a state or province where the post needs one.
 * Other countries' postal codes are checked for shape only.
 */
public final class AddressRules {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private static final Map<String, Pattern> POSTAL_CODES = Map.ofEntries(
      Map.entry("US", Pattern.compile("\\d{5}(-\\d{4})?")),
      Map.entry("CA", Pattern.compile("[A-Z]\\d[A-Z] ?\\d[A-Z]\\d")),
      Map.entry("GB", Pattern.compile("[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}")),
      Map.entry("IE", Pattern.compile("[A-Z]\\d[\\dW] ?[A-Z\\d]{4}")),
      Map.entry("DE", Pattern.compile("\\d{5}")),
      Map.entry("FR", Pattern.compile("\\d{5}")),
      Map.entry("IT", Pattern.compile("\\d{5}")),
      Map.entry("ES", Pattern.compile("\\d{5}")),
      Map.entry("FI", Pattern.compile("\\d{5}")),
      Map.entry("AT", Pattern.compile("\\d{4}")),
      Map.entry("BE", Pattern.compile("\\d{4}")),
      Map.entry("CH", Pattern.compile("\\d{4}")),
      Map.entry("DK", Pattern.compile("\\d{4}")),
      Map.entry("NO", Pattern.compile("\\d{4}")),
      Map.entry("AU", Pattern.compile("\\d{4}")),
      Map.entry("NZ", Pattern.compile("\\d{4}")),
      Map.entry("NL", Pattern.compile("\\d{4} ?[A-Z]{2}")),
      Map.entry("SE", Pattern.compile("\\d{3} ?\\d{2}")),
      Map.entry("PL", Pattern.compile("\\d{2}-\\d{3}")),
      Map.entry("PT", Pattern.compile("\\d{4}-\\d{3}")),
      Map.entry("JP", Pattern.compile("\\d{3}-?\\d{4}")),
      Map.entry("IN", Pattern.compile("\\d{6}")),
      Map.entry("BR", Pattern.compile("\\d{5}-?\\d{3}")));

  private static final Set<String> NEED_ADMINISTRATIVE_AREA = Set.of("US", "CA", "AU");

  private AddressRules() {}

  /** Adds a violation per malformed part; {@code prefix} is the address's field path. */
  public static void check(PostalAddress address, String prefix, List<FieldViolation> violations) {
    if (address.lines().isEmpty()) {
      violations.add(new FieldViolation(prefix + ".address_lines", "needs at least one line"));
    }
    for (int i = 0; i < address.lines().size(); i++) {
      TextRules.required(address.lines().get(i), prefix + ".address_lines[" + i + "]", violations);
    }
    TextRules.required(address.locality(), prefix + ".locality", violations);
    TextRules.optional(address.administrativeArea(), prefix + ".administrative_area", violations);
    String country = address.regionCode();
    if (!COUNTRIES.contains(country)) {
      violations.add(new FieldViolation(prefix + ".region_code", "is not an ISO 3166-1 alpha-2 country code"));
      return;
    }
    Pattern postal = POSTAL_CODES.get(country);
    String code = address.postalCode().strip().toUpperCase(Locale.ROOT);
    if (postal != null) {
      if (code.isEmpty()) {
        violations.add(new FieldViolation(prefix + ".postal_code", "is required for this country"));
      } else if (!postal.matcher(code).matches()) {
        violations.add(new FieldViolation(prefix + ".postal_code", "does not have this country's postal code format"));
      }
    } else if (!code.isEmpty() && code.chars().noneMatch(Character::isLetterOrDigit)) {
      violations.add(new FieldViolation(prefix + ".postal_code", "must contain a letter or digit"));
    }
    if (NEED_ADMINISTRATIVE_AREA.contains(country) && address.administrativeArea().isBlank()) {
      violations.add(new FieldViolation(prefix + ".administrative_area", "is required for this country"));
    }
  }

  /** The address as stored: trimmed, postal code upper-case. */
  public static PostalAddress normalize(PostalAddress address) {
    return new PostalAddress(address.lines().stream().map(String::strip).toList(), address.locality().strip(),
        address.administrativeArea().strip(), address.postalCode().strip().toUpperCase(Locale.ROOT), address.regionCode());
  }
}
