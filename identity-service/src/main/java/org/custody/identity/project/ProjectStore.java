package org.custody.identity.project;

import java.util.List;
import java.util.Optional;

/** Persistence of project sites. Implementations turn duplicate ids into ALREADY_EXISTS. */
public interface ProjectStore {
  void insert(Project project);

  Optional<Project> find(String id);

  /** Projects ordered by id, strictly after {@code afterId} ("" for the first page). */
  List<Project> list(String afterId, int limit);
}
