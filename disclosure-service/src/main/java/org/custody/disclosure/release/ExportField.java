package org.custody.disclosure.release;

import org.custody.platform.classification.DataCategory;

/** One labelled value a leaf service holds about a subject. */
public record ExportField(String name, DataCategory category, String value) {
  @Override
  public String toString() {
    return "ExportField[" + name + ", " + category + "]";
  }
}
