package org.custody.analytics.subject;

import java.util.List;
import org.custody.platform.classification.DataCategory;

/** One item held about a subject, each value labelled with its data category. */
public record ExportedRecord(String kind, String name, List<Field> fields) {
  public ExportedRecord {
    fields = List.copyOf(fields);
  }

  /** One labelled value. */
  public record Field(String name, DataCategory category, String value) {}
}
