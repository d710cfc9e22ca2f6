package org.custody.identity.subject;

import java.util.List;

/**
 * One stored item about a subject (account, credential, session, contact) with its labelled
 * values. {@code name} is the item's resource name, or empty when the export was limited to
 * categories that do not include identifiers.
 */
public record SubjectRecord(String kind, String name, List<SubjectField> fields) {
  public SubjectRecord {
    fields = List.copyOf(fields);
  }
}
