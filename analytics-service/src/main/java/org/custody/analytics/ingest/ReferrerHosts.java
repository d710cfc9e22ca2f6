package org.custody.analytics.ingest;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.custody.platform.screening.CardNumbers;

/**
 * Reduces a referrer URL to its host: the path, query and anything else of the referring page
 * are dropped. A host that is an IP address becomes {@code :ip} (it may be someone's own
 * machine), a host that holds a payment card number becomes {@code :card} (P3), and a referral
 * from the page's own host is internal navigation, not counted.
 */
public final class ReferrerHosts {
  /** What an IP-address host is counted as. */
  public static final String IP = ":ip";
  /** What a host holding a card number is counted as. */
  public static final String CARD = PathNormaliser.CARD;
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  /**
   * The host to count, or null when there is nothing to count (no referrer, or an internal one).
   *
   * @param pageHost the viewed page's host, or null when unknown
   * @throws InvalidUrlException when the referrer is not an http(s) URL with a host
   */
  public String hostToCount(String referrer, String pageHost) throws InvalidUrlException {
    if (referrer == null || referrer.isEmpty()) {
      return null;
    }
    URI uri = PathNormaliser.parse(referrer);
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new InvalidUrlException("must be an http or https URL");
    }
    if (uri.getHost() == null) {
      throw new InvalidUrlException("must name a valid host");
    }
    String host = PathNormaliser.hostOf(uri);
    if (CardNumbers.containsCardNumber(host)) {
      return CARD;
    }
    if (host.equals(pageHost)) {
      return null;
    }
    if (host.startsWith("[") || IPV4.matcher(host).matches()) {
      return IP;
    }
    return host.toLowerCase(Locale.ROOT);
  }
}
