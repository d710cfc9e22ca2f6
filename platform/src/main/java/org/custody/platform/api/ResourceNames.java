package org.custody.platform.api;

import java.util.ArrayList;
import java.util.List;
import org.custody.platform.errors.DomainException;

/**
 * Parses AIP-122 resource names such as {@code projects/acme/accounts/42} against a pattern
 * such as {@code projects/{project}/accounts/{account}}, returning the variable segments.
 * Contracts already validate the shape; this extracts the ids and refuses anything else as an
 * invalid field.
 */
public final class ResourceNames {
  private ResourceNames() {}

  /** The ids of {@code name} in pattern order, e.g. ["acme", "42"]. */
  public static List<String> parse(String field, String name, String pattern) {
    String[] patternParts = pattern.split("/");
    String[] nameParts = name == null ? new String[0] : name.split("/", -1);
    if (patternParts.length != nameParts.length) {
      throw DomainException.invalidField(field, "must have the form " + pattern);
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < patternParts.length; i++) {
      if (patternParts[i].startsWith("{")) {
        if (nameParts[i].isEmpty()) {
          throw DomainException.invalidField(field, "must have the form " + pattern);
        }
        ids.add(nameParts[i]);
      } else if (!patternParts[i].equals(nameParts[i])) {
        throw DomainException.invalidField(field, "must have the form " + pattern);
      }
    }
    return ids;
  }

  /** The single id of a one-variable pattern. */
  public static String id(String field, String name, String pattern) {
    return parse(field, name, pattern).get(0);
  }
}
