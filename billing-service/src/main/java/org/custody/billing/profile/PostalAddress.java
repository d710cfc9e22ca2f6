package org.custody.billing.profile;

import java.util.List;

/**
 * A structured postal address.
 *
 * @param lines street lines, one to three
 * @param administrativeArea state, province or region; empty where the country has none
 * @param postalCode empty where the country has none
 * @param regionCode ISO 3166-1 alpha-2 country code
 */
public record PostalAddress(List<String> lines, String locality, String administrativeArea, String postalCode, String regionCode) {
  public PostalAddress {
    lines = List.copyOf(lines);
  }
}
