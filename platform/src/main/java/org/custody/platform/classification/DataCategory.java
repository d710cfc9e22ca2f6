package org.custody.platform.classification;

import java.util.Optional;

/**
 * The personal-data categories of the contracts ({@code custody.common.v1.DataCategory}), so
 * domain code can reason about categories without importing generated classes.
 */
public enum DataCategory {
  USER_NAME("user.name"),
  USER_WORKPLACE("user.workplace"),
  USER_CONTACT_EMAIL("user.contact.email"),
  USER_CONTACT_ADDRESS("user.contact.address"),
  USER_UNIQUE_ID("user.unique_id"),
  USER_UNIQUE_ID_PSEUDONYMOUS("user.unique_id.pseudonymous"),
  USER_AUTHORIZATION_CREDENTIALS("user.authorization.credentials"),
  USER_FINANCIAL("user.financial"),
  USER_FINANCIAL_CREDIT_CARD("user.financial.credit_card"),
  USER_BEHAVIOR_BROWSING_HISTORY("user.behavior.browsing_history"),
  USER_DEVICE_IP_ADDRESS("user.device.ip_address"),
  USER_DEVICE("user.device"),
  USER_DEVICE_COOKIE_ID("user.device.cookie_id"),
  USER_CONTENT_PRIVATE("user.content.private"),
  USER_PRIVACY_PREFERENCES("user.privacy_preferences"),
  USER("user");

  private final String fideslangKey;

  DataCategory(String fideslangKey) {
    this.fideslangKey = fideslangKey;
  }

  public String fideslangKey() {
    return fideslangKey;
  }

  public static DataCategory fromProto(org.custody.proto.common.v1.DataCategory proto) {
    return parse(proto.name()).orElseThrow(() -> new IllegalArgumentException("unspecified data category"));
  }

  public org.custody.proto.common.v1.DataCategory toProto() {
    return org.custody.proto.common.v1.DataCategory.valueOf("DATA_CATEGORY_" + name());
  }

  /** Parses {@code DATA_CATEGORY_USER_NAME} or {@code USER_NAME}. */
  public static Optional<DataCategory> parse(String value) {
    String name = value.startsWith("DATA_CATEGORY_") ? value.substring("DATA_CATEGORY_".length()) : value;
    for (DataCategory c : values()) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
