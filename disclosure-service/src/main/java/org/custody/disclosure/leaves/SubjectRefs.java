package org.custody.disclosure.leaves;

import org.custody.disclosure.subject.Subject;
import org.custody.proto.common.v1.SubjectRef;

/** Subjects as the leaves' contracts name them. */
final class SubjectRefs {
  private SubjectRefs() {}

  static SubjectRef of(Subject subject) {
    SubjectRef.Builder ref = SubjectRef.newBuilder().setProject(subject.project());
    subject.account().ifPresent(ref::setAccount);
    subject.email().ifPresent(ref::setEmail);
    return ref.build();
  }
}
