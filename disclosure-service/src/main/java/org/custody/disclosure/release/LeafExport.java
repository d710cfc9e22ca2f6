package org.custody.disclosure.release;

import java.time.Instant;
import java.util.List;

/** What one leaf service (identity, billing, analytics) exported about a subject. */
public record LeafExport(String service, List<ExportRecord> records, Instant exportTime) {
  public LeafExport {
    records = List.copyOf(records);
  }
}
