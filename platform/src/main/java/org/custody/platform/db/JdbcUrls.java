package org.custody.platform.db;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small, explicit surgery on {@code jdbc:mysql://host:port/database?params} URLs. */
public final class JdbcUrls {
  private static final Pattern URL = Pattern.compile("(jdbc:(?:mysql|mariadb)://[^/?]+)(?:/([^?]*))?(?:\\?(.*))?");

  /**
   * Connection properties Custody relies on; added when the URL does not set them. The driver
   * caches a statement's parse (client-side prepared statements) only for SQL up to
   * {@code prepStmtCacheSqlLimit} characters, 256 by default: a jOOQ select naming its columns
   * is longer, and was parsed again on every execution.
   */
  private static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("connectionTimeZone", "UTC"),
      Map.entry("forceConnectionTimeZoneToSession", "true"),
      Map.entry("characterEncoding", "UTF-8"),
      Map.entry("rewriteBatchedStatements", "true"),
      Map.entry("allowPublicKeyRetrieval", "true"),
      Map.entry("useServerPrepStmts", "false"),
      Map.entry("cachePrepStmts", "true"),
      Map.entry("prepStmtCacheSqlLimit", "4096"),
      Map.entry("prepStmtCacheSize", "256"),
      Map.entry("connectTimeout", "5000"),
      Map.entry("socketTimeout", "60000"));

  private JdbcUrls() {}

  public static String withDatabase(String url, String database) {
    Matcher m = matcher(url);
    return m.group(1) + "/" + database + (m.group(3) == null ? "" : "?" + m.group(3));
  }

  public static String database(String url) {
    Matcher m = matcher(url);
    return m.group(2) == null ? "" : m.group(2);
  }

  public static String withoutParameters(String url) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      return "<unparseable url>";
    }
    return m.group(1) + "/" + (m.group(2) == null ? "" : m.group(2));
  }

  /** The URL with Custody's connection defaults added where the URL does not say otherwise. */
  public static String withDefaults(String url) {
    return withParameters(url, Map.of());
  }

  /** The URL with Custody's defaults where it says nothing, and {@code overrides} whatever it says. */
  public static String withParameters(String url, Map<String, String> overrides) {
    Matcher m = matcher(url);
    Map<String, String> params = new LinkedHashMap<>();
    if (m.group(3) != null && !m.group(3).isEmpty()) {
      for (String pair : m.group(3).split("&")) {
        int eq = pair.indexOf('=');
        params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    params.putAll(overrides);
    DEFAULTS.forEach(params::putIfAbsent);
    StringBuilder sb = new StringBuilder(m.group(1)).append('/').append(m.group(2) == null ? "" : m.group(2)).append('?');
    params.forEach((k, v) -> sb.append(k).append('=').append(v).append('&'));
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }

  private static Matcher matcher(String url) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:mysql:// URL");
    }
    return m;
  }
}
