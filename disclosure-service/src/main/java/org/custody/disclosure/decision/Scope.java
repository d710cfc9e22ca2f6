package org.custody.disclosure.decision;

import java.util.List;
import java.util.Optional;
import org.custody.platform.subject.Subject;

/**
 * Whose data a disclosure concerns: named subjects, or (corporate transactions only) every
 * subject of one project site or of all of them.
 */
public record Scope(Kind kind, List<Subject> subjects, Optional<String> project) {
  /** The three shapes of scope. */
  public enum Kind {
    SUBJECTS,
    PROJECT,
    ALL_SUBJECTS
  }

  public Scope {
    subjects = List.copyOf(subjects);
  }

  public static Scope subjects(List<Subject> subjects) {
    return new Scope(Kind.SUBJECTS, subjects, Optional.empty());
  }

  public static Scope project(String project) {
    return new Scope(Kind.PROJECT, List.of(), Optional.of(project));
  }

  public static Scope allSubjects() {
    return new Scope(Kind.ALL_SUBJECTS, List.of(), Optional.empty());
  }
}
