package org.custody.deploy.k8s;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ("250m", "1", "1536Mi", "1G") as numbers, to compare requests with limits. */
final class Quantity {
  private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([a-zA-Z]*)");
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("m", new BigDecimal("0.001")),
      Map.entry("k", BigDecimal.valueOf(1_000L)),
      Map.entry("M", BigDecimal.valueOf(1_000_000L)),
      Map.entry("G", BigDecimal.valueOf(1_000_000_000L)),
      Map.entry("T", BigDecimal.valueOf(1_000_000_000_000L)),
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
      Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
      Map.entry("Ti", BigDecimal.valueOf(1L << 40)));

  private Quantity() {}

  /** The quantity's value, or null when the text is not a quantity this understands. */
  static BigDecimal parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches() || !SUFFIXES.containsKey(m.group(2))) {
      return null;
    }
    return new BigDecimal(m.group(1)).multiply(SUFFIXES.get(m.group(2)));
  }
}
