package org.custody.billing;

import java.util.List;
import org.custody.platform.errors.FieldViolation;

/** Checks on free-text values that the contract's length and pattern rules cannot express. */
public final class TextRules {
  private TextRules() {}

  /** A required value: present and not only white space. */
  public static void required(String value, String field, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      violations.add(new FieldViolation(field, "is required"));
    } else {
      plain(value, field, violations);
    }
  }

  /** An optional value: if present, not only white space and free of control characters. */
  public static void optional(String value, String field, List<FieldViolation> violations) {
    if (value == null || value.isEmpty()) {
      return;
    }
    if (value.isBlank()) {
      violations.add(new FieldViolation(field, "must not be only white space"));
      return;
    }
    plain(value, field, violations);
  }

  private static void plain(String value, String field, List<FieldViolation> violations) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        violations.add(new FieldViolation(field, "must not contain control characters or line breaks"));
        return;
      }
    }
  }
}
