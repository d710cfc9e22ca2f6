package org.custody.identity.session;

import java.util.regex.Pattern;

/**
 * How a front end must set the session cookie (P12). It has no expiry attribute at all, by
 * construction: there is no field for Expires or Max-Age, so browsers keep it for the current
 * browsing session only. It is HttpOnly, Secure, SameSite=Lax and Path=/.
 */
public record SessionCookie(String name, String value) {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  public SessionCookie {
    if (!TOKEN.matcher(name).matches() || !TOKEN.matcher(value).matches()) {
      throw new IllegalArgumentException("cookie name and value must be RFC 6265 tokens");
    }
  }

  public static boolean validName(String name) {
    return name != null && TOKEN.matcher(name).matches();
  }

  public boolean httpOnly() {
    return true;
  }

  public boolean secure() {
    return true;
  }

  public String sameSite() {
    return "Lax";
  }

  public String path() {
    return "/";
  }

  /** The complete {@code Set-Cookie} header value. */
  public String setCookieHeader() {
    return name + "=" + value + "; Path=" + path() + "; Secure; HttpOnly; SameSite=" + sameSite();
  }

  @Override
  public String toString() {
    return "SessionCookie[" + name + "]"; // never the token
  }
}
