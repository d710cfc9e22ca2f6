package org.custody.platform.subject;

import java.util.Set;
import org.custody.platform.classification.DataCategory;

/**
 * Which data categories an export may contain. Categories are a hierarchy (fideslang keys):
 * asking for {@code user.financial} includes {@code user.financial.credit_card}, and {@code user}
 * includes everything. An empty request means all.
 */
public final class CategoryFilter {
  private final Set<DataCategory> requested;

  private CategoryFilter(Set<DataCategory> requested) {
    this.requested = Set.copyOf(requested);
  }

  public static CategoryFilter of(Set<DataCategory> requested) {
    return new CategoryFilter(requested);
  }

  public static CategoryFilter all() {
    return new CategoryFilter(Set.of());
  }

  /** Whether the export was asked for everything. */
  public boolean isAll() {
    return requested.isEmpty();
  }

  public boolean includes(DataCategory category) {
    if (requested.isEmpty()) {
      return true;
    }
    String key = category.fideslangKey();
    return requested.stream().anyMatch(r -> key.equals(r.fideslangKey()) || key.startsWith(r.fideslangKey() + "."));
  }

  /** Resource names are identifiers: shown only when identifiers are asked for. */
  public boolean includesNames() {
    return includes(DataCategory.USER_UNIQUE_ID);
  }

  @Override
  public String toString() {
    return requested.isEmpty() ? "all" : requested.toString();
  }
}
