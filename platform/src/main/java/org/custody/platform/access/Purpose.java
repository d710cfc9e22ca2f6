package org.custody.platform.access;

import java.util.Locale;
import java.util.Optional;

/**
 * The purposes a call may declare (policy clause P6), mirroring
 * {@code custody.common.v1.Purpose} so domain code need not import generated classes.
 */
public enum Purpose {
  SERVICE_PROVISION,
  BILLING,
  AUTHENTICATION,
  SERVICE_IMPROVEMENT,
  CONTACT,
  RESEARCH,
  LEGAL_COMPLIANCE,
  SECURITY_FRAUD,
  SUBJECT_REQUEST;

  /** The request metadata header that carries the purpose. */
  public static final String HEADER = "x-custody-purpose";

  /** Parses {@code PURPOSE_BILLING} or {@code BILLING}, case-insensitively. */
  public static Optional<Purpose> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String name = value.trim().toUpperCase(Locale.ROOT);
    if (name.startsWith("PURPOSE_")) {
      name = name.substring("PURPOSE_".length());
    }
    for (Purpose p : values()) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The value as sent in the header, e.g. {@code PURPOSE_BILLING}. */
  public String headerValue() {
    return "PURPOSE_" + name();
  }

  public static Purpose fromProto(org.custody.proto.common.v1.Purpose proto) {
    return parse(proto.name()).orElseThrow(() -> new IllegalArgumentException("unspecified purpose"));
  }

  public org.custody.proto.common.v1.Purpose toProto() {
    return org.custody.proto.common.v1.Purpose.valueOf(headerValue());
  }
}
