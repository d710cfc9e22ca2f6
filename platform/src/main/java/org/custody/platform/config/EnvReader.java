package org.custody.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads typed settings from an environment map, collecting every problem instead of stopping at
 * the first, so an operator sees all mistakes in one start attempt. Call {@link #finish()} after
 * the last read: it throws a {@link ConfigException} listing them.
 *
 * <p>Only composition roots (the {@code app} packages and the launcher) build one; domain code
 * receives typed records.
 */
public final class EnvReader {
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  public EnvReader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** A reader over this process's environment. */
  public static EnvReader fromSystem() {
    return new EnvReader(System.getenv());
  }

  /** Returns a reader whose values are {@code overrides} on top of this reader's. */
  public EnvReader with(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(env);
    merged.putAll(overrides);
    return new EnvReader(merged);
  }

  public String string(String key, String defaultValue) {
    String value = env.get(key);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  /** A value that must be present; records a problem (and returns "") when it is not. */
  public String required(String key, String meaning) {
    String value = string(key, null);
    if (value == null) {
      problems.add(key + " is required (" + meaning + ")");
      return "";
    }
    return value;
  }

  public int integer(String key, int defaultValue, int min, int max) {
    return parse(key, defaultValue, raw -> {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return value;
    });
  }

  public double decimal(String key, double defaultValue, double min, double max) {
    return parse(key, defaultValue, raw -> {
      double value = Double.parseDouble(raw);
      if (!(value >= min && value <= max)) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return value;
    });
  }

  public boolean bool(String key, boolean defaultValue) {
    return parse(key, defaultValue, raw -> switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    });
  }

  /** A duration as ISO-8601 ({@code PT30M}) or a number with a unit: {@code 500ms 30s 15m 12h 7d}. */
  public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
    return parse(key, defaultValue, raw -> {
      Duration value = parseDuration(raw);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return value;
    });
  }

  public Path path(String key, Path defaultValue) {
    return parse(key, defaultValue, Path::of);
  }

  public <E extends Enum<E>> E oneOf(String key, E defaultValue, Class<E> type) {
    return parse(key, defaultValue, raw -> {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(raw)) {
          return constant;
        }
      }
      throw new IllegalArgumentException("must be one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
    });
  }

  /** Records a cross-field problem found by the caller. */
  public void problem(String description) {
    problems.add(description);
  }

  /** Throws if any read recorded a problem. */
  public void finish() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private <T> T parse(String key, T defaultValue, Function<String, T> parser) {
    String raw = string(key, null);
    if (raw == null) {
      return defaultValue;
    }
    try {
      return parser.apply(raw);
    } catch (RuntimeException e) {
      // The value itself is not echoed: a mistyped secret must not end up in a log.
      problems.add(key + " is invalid: " + describe(e));
      return defaultValue;
    }
  }

  private static String describe(RuntimeException e) {
    if (e instanceof NumberFormatException) {
      return "not a number";
    }
    if (e instanceof DateTimeParseException) {
      return "not a duration (use e.g. 30s, 15m, 12h, 7d or PT30M)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static Duration parseDuration(String raw) {
    String s = raw.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      return Duration.parse(raw.trim().toUpperCase(Locale.ROOT));
    }
    int unitStart = 0;
    while (unitStart < s.length() && Character.isDigit(s.charAt(unitStart))) {
      unitStart++;
    }
    if (unitStart == 0) {
      throw new DateTimeParseException("no amount", raw, 0);
    }
    long amount = Long.parseLong(s.substring(0, unitStart));
    return switch (s.substring(unitStart)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw new DateTimeParseException("unknown unit", raw, unitStart);
    };
  }
}
