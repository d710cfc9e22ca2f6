package org.custody.analytics.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.custody.analytics.stats.DateRange;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/** Turns the contract's YYYY-MM-DD strings into a {@link DateRange}, or field violations. */
final class Dates {
  private Dates() {}

  static DateRange range(String start, String end) {
    List<FieldViolation> violations = new ArrayList<>();
    LocalDate from = parse("start_date", start, violations);
    LocalDate to = parse("end_date", end, violations);
    if (from != null && to != null) {
      if (to.isBefore(from)) {
        violations.add(new FieldViolation("end_date", "must not be before start_date"));
      } else if (DateRange.days(from, to) > DateRange.MAX_DAYS) {
        violations.add(new FieldViolation("end_date", "must be at most 366 days after start_date"));
      }
    }
    if (!violations.isEmpty()) {
      throw DomainException.invalid("INVALID_FIELD", violations);
    }
    return new DateRange(from, to);
  }

  private static LocalDate parse(String field, String value, List<FieldViolation> violations) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      violations.add(new FieldViolation(field, "must be a valid date, YYYY-MM-DD"));
      return null;
    }
  }
}
