package org.custody.disclosure.release;

import java.util.List;
import java.util.Set;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.Subject;

/**
 * The leaf services' SubjectDataService.ExportSubjectData, asked for one subject, only the given
 * categories, naming the disclosure and declaring its purpose. Throws UNAVAILABLE (reason
 * LEAF_UNAVAILABLE, naming the service) when a leaf cannot answer.
 */
public interface LeafExports {
  List<LeafExport> export(Subject subject, Set<DataCategory> categories, String disclosureName, Purpose purpose);
}
