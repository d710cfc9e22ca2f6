package org.custody.analytics.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.custody.platform.screening.CardNumbers;

/**
 * Reduces a page URL to a path that names a page, not a person: the query string, fragment and
 * path parameters ({@code ;jsessionid=...}) are dropped, characters outside ASCII are
 * percent-encoded, and each path segment that looks like
 * an e-mail address, a numeric or UUID id, or a long random token is replaced by a placeholder:
 * {@code /users/jane@example.com/reset/3f9a0c1d2e4b5a69} becomes {@code /users/:email/reset/:token}.
 *
 * <p>Rules, applied to each percent-decoded segment in order:
 * <ul>
 *   <li>{@code :card} — it holds a payment card number (the platform's screen, P3); the contract
 *       lets page URLs through the screen so that one visitor's URL cannot fail a batch, and
 *       this placeholder is why. A card number in the dropped query or fragment is counted too;
 *   <li>{@code :email} — it contains {@code @};
 *   <li>{@code :id} — only digits, or a UUID;
 *   <li>{@code :token} — longer than 64 characters; or hexadecimal of 16+ characters, or of 12+
 *       mixing digits and letters; or 16+ letters and digits whose character classes (lower,
 *       upper, digit) change at least once every four characters, as random strings do and
 *       words, slugs and dates do not.
 * </ul>
 */
public final class PathNormaliser {
  /** Longest normalised path kept; a longer one is refused. */
  public static final int MAX_PATH_LENGTH = 512;
  public static final String CARD = ":card";
  public static final String EMAIL = ":email";
  public static final String ID = ":id";
  public static final String TOKEN = ":token";


  /**
   * Normalises an absolute http(s) URL or an absolute path (which may carry a query and fragment).
   *
   * @throws InvalidUrlException when it is neither, or the normalised path is too long
   */
  public NormalisedUrl normalise(String url) throws InvalidUrlException {
    URI uri = parse(url);
    String host = null;
    if (uri.isAbsolute()) {
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new InvalidUrlException("must be an http or https URL, or a path starting with /");
      }
      if (uri.getHost() == null) {
        throw new InvalidUrlException("must name a valid host");
      }
      host = hostOf(uri);
    } else if (!url.startsWith("/") || url.startsWith("//")) {
      throw new InvalidUrlException("must be an http or https URL, or a path starting with /");
    }
    boolean cardInDroppedPart = holdsCard(uri.getRawQuery()) || holdsCard(uri.getRawFragment());
    String rawPath = uri.getRawPath();
    if (rawPath == null || rawPath.isEmpty()) {
      return new NormalisedUrl("/", host, 0, cardInDroppedPart);
    }
    if (!rawPath.startsWith("/")) {
      throw new InvalidUrlException("must be an http or https URL, or a path starting with /");
    }
    int[] cardSegments = new int[1];
    String path = normalisePath(rawPath, cardSegments);
    if (path.length() > MAX_PATH_LENGTH) {
      throw new InvalidUrlException("normalised path must be at most " + MAX_PATH_LENGTH + " characters");
    }
    return new NormalisedUrl(path, host, cardSegments[0], cardInDroppedPart || holdsCard(pathParameters(rawPath)));
  }

  static URI parse(String url) throws InvalidUrlException {
    if (url == null || url.isEmpty()) {
      throw new InvalidUrlException("must not be empty");
    }
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidUrlException("must be a well-formed URL");
    }
  }

  /** The URI's host in lower case without a trailing dot. */
  static String hostOf(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private static boolean holdsCard(String raw) {
    return raw != null && !raw.isEmpty() && CardNumbers.containsCardNumber(raw);
  }

  /** The path parameters ({@code ;jsessionid=...}) of every segment, dropped from the path. */
  private static String pathParameters(String rawPath) {
    if (rawPath.indexOf(';') < 0) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String segment : rawPath.split("/")) {
      int parameters = segment.indexOf(';');
      if (parameters >= 0) {
        out.append(segment, parameters, segment.length()).append(' ');
      }
    }
    return out.toString();
  }

  private static String normalisePath(String rawPath, int[] cardSegments) {
    StringBuilder out = new StringBuilder(rawPath.length());
    int start = 1;
    while (start <= rawPath.length()) {
      int end = rawPath.indexOf('/', start);
      if (end < 0) {
        end = rawPath.length();
      }
      String segment = rawPath.substring(start, end);
      int parameters = segment.indexOf(';');
      if (parameters >= 0) {
        segment = segment.substring(0, parameters);
      }
      String kept = placeholderFor(decode(segment), segment);
      if (kept.equals(CARD) && !segment.equals(CARD)) {
        cardSegments[0]++;
      }
      out.append('/').append(kept);
      start = end + 1;
    }
    return asciiOnly(out.toString());
  }

  /**
   * Percent-encodes (as UTF-8) any character outside ASCII, as stored paths have it; also for
   * path prefixes in queries.
   */
  public static String asciiOnly(String path) {
    if (path.chars().allMatch(c -> c < 0x80)) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length() + 16);
    for (int i = 0; i < path.length(); ) {
      int codePoint = path.codePointAt(i);
      if (codePoint < 0x80) {
        out.append((char) codePoint);
      } else {
        for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
              .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
      }
      i += Character.charCount(codePoint);
    }
    return out.toString();
  }

  /** The placeholder for a segment, or the raw segment itself when it names no one. */
  static String placeholderFor(String decoded, String raw) {
    if (decoded.isEmpty()) {
      return raw;
    }
    if (CardNumbers.containsCardNumber(raw)) {
      return CARD;
    }
    if (decoded.indexOf('@') >= 0) {
      return EMAIL;
    }
    if (allDigits(decoded) || isUuid(decoded)) {
      return ID;
    }
    if (looksLikeToken(decoded)) {
      return TOKEN;
    }
    return raw;
  }

  static boolean looksLikeToken(String s) {
    if (s.length() > 64) {
      return true;
    }
    if (allHex(s)) {
      boolean digit = s.chars().anyMatch(Character::isDigit);
      boolean letter = s.chars().anyMatch(Character::isLetter);
      if (s.length() >= 16 || (s.length() >= 12 && digit && letter)) {
        return true;
      }
    }
    int alphanumerics = 0;
    int changes = 0;
    int previousClass = -1;
    for (int i = 0; i < s.length(); i++) {
      int c = characterClass(s.charAt(i));
      if (c < 0) {
        continue;
      }
      alphanumerics++;
      if (previousClass >= 0 && c != previousClass) {
        changes++;
      }
      previousClass = c;
    }
    return alphanumerics >= 16 && changes * 4 >= alphanumerics;
  }

  // Hand-written scans rather than regular expressions: every segment of every view goes through them.

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean allHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
        return false;
      }
    }
    return true;
  }

  /** 8-4-4-4-12 hexadecimal digits. */
  private static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
        return false;
      }
    }
    return true;
  }

  private static int characterClass(char ch) {
    if (ch >= 'a' && ch <= 'z') {
      return 0;
    }
    if (ch >= 'A' && ch <= 'Z') {
      return 1;
    }
    if (ch >= '0' && ch <= '9') {
      return 2;
    }
    return -1;
  }

  /** Percent-decoding that leaves malformed escapes as they are (the platform's, as the screens read it). */
  static String decode(String raw) {
    return org.custody.platform.screening.PercentDecoding.decodePathSegment(raw);
  }
}
