package org.custody.disclosure.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.custody.platform.classification.DataCategory;

/**
 * The last gate before data leaves: whatever a leaf returns, only values of the allowed categories
 * stay. Leaves are asked for those categories already; this makes a package minimal even if a
 * leaf answers with more. A record's resource name is itself a unique id of the subject's data,
 * so it is withheld unless {@link DataCategory#USER_UNIQUE_ID} is allowed.
 */
public final class Minimisation {
  private Minimisation() {}

  /** The export with only allowed values; records left without values are dropped. */
  public static LeafExport apply(LeafExport export, Set<DataCategory> allowed) {
    List<ExportRecord> records = new ArrayList<>();
    for (ExportRecord record : export.records()) {
      List<ExportField> fields = record.fields().stream().filter(f -> allowed.contains(f.category())).toList();
      if (!fields.isEmpty()) {
        records.add(new ExportRecord(record.kind(), allowed.contains(DataCategory.USER_UNIQUE_ID) ? record.name() : "", fields));
      }
    }
    return new LeafExport(export.service(), records, export.exportTime());
  }

  /** How many values were withheld (a leaf answering with more than asked). */
  public static long withheld(LeafExport before, LeafExport after) {
    return count(before) - count(after);
  }

  private static long count(LeafExport export) {
    return export.records().stream().mapToLong(r -> r.fields().size()).sum();
  }
}
