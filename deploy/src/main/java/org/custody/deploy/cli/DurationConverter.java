package org.custody.deploy.cli;

import java.time.Duration;
import java.util.Map;
import org.custody.platform.config.EnvReader;
import picocli.CommandLine.ITypeConverter;

/** Durations as the services' settings take them (500ms, 2s, 5m, or ISO-8601), from 100 ms to a day. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    EnvReader reader = new EnvReader(Map.of("interval", value));
    Duration parsed = reader.duration("interval", Duration.ZERO, Duration.ofMillis(100), Duration.ofDays(1));
    reader.finish();
    return parsed;
  }
}
