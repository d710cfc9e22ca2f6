package org.custody.disclosure.api;

import java.util.Optional;
import org.custody.disclosure.subject.Subject;
import org.custody.proto.common.v1.SubjectRef;

/** Subjects between contract and domain. */
final class SubjectMapper {
  private SubjectMapper() {}

  static Subject fromProto(SubjectRef ref) {
    return ref.hasAccount() ? new Subject(ref.getProject(), Optional.of(ref.getAccount()), Optional.empty())
        : new Subject(ref.getProject(), Optional.empty(), Optional.of(ref.getEmail()));
  }

  static SubjectRef toProto(Subject subject) {
    SubjectRef.Builder ref = SubjectRef.newBuilder().setProject(subject.project());
    subject.account().ifPresent(ref::setAccount);
    subject.email().ifPresent(ref::setEmail);
    return ref.build();
  }
}
