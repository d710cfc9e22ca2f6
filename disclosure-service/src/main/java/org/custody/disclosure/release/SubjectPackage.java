package org.custody.disclosure.release;

import java.util.List;
import org.custody.platform.subject.Subject;

/** One subject's part of a package: each leaf's export, holding only allowed categories. */
public record SubjectPackage(Subject subject, List<LeafExport> exports) {
  public SubjectPackage {
    exports = List.copyOf(exports);
  }
}
