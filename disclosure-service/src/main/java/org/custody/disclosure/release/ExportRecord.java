package org.custody.disclosure.release;

import java.util.List;

/**
 * One stored item about a subject (an account, a billing profile...).
 *
 * @param name the item's resource name (a unique id of the subject's data); empty when withheld
 */
public record ExportRecord(String kind, String name, List<ExportField> fields) {
  public ExportRecord {
    fields = List.copyOf(fields);
  }
}
