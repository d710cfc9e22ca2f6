package org.custody.platform.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.impl.AbstractConverter;

/**
 * Every DATETIME column holds UTC; stores and domain code only ever see {@link Instant}. Used by
 * {@link InstantBinding}, which jOOQ's generated code applies to every DATETIME column.
 */
public final class InstantConverter extends AbstractConverter<LocalDateTime, Instant> {
  public InstantConverter() {
    super(LocalDateTime.class, Instant.class);
  }

  @Override
  public Instant from(LocalDateTime databaseObject) {
    return databaseObject == null ? null : databaseObject.toInstant(ZoneOffset.UTC);
  }

  @Override
  public LocalDateTime to(Instant userObject) {
    return userObject == null ? null : LocalDateTime.ofInstant(userObject, ZoneOffset.UTC);
  }
}
