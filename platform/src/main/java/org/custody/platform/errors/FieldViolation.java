package org.custody.platform.errors;

import java.util.Objects;

/**
 * One invalid request field. {@code field} is the path in the request (e.g.
 * {@code billing_profile.address.region_code}); {@code description} must not echo the value.
 */
public record FieldViolation(String field, String description) {
  public FieldViolation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(description, "description");
  }
}
