package org.custody.platform.subject;

import java.util.List;
import java.util.Optional;

/**
 * One item held about a subject, as exported: its kind (e.g. "account", "invoice"), its resource
 * name (withheld when the requested categories exclude identifiers) and its labelled values.
 */
public record SubjectRecord(String kind, Optional<String> name, List<SubjectField> fields) {
  public SubjectRecord {
    fields = List.copyOf(fields);
  }
}
