package org.custody.disclosure.api;

import java.util.Optional;
import org.custody.platform.subject.Subject;
import org.custody.proto.common.v1.SubjectRef;

/**
 * Subjects from the contract into the domain; back out through the platform's
 * {@link org.custody.platform.subject.api.SubjectDataMapper#toProto(Subject)}.
 */
final class SubjectMapper {
  private SubjectMapper() {}

  static Subject fromProto(SubjectRef ref) {
    return ref.hasAccount() ? new Subject(ref.getProject(), Optional.of(ref.getAccount()), Optional.empty())
        : new Subject(ref.getProject(), Optional.empty(), Optional.of(ref.getEmail()));
  }
}
