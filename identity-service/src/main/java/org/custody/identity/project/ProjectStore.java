package org.custody.identity.project;

import java.util.List;
import java.util.Optional;
import org.custody.platform.domain.Slice;

/** Persistence of project sites. Implementations turn duplicate ids into ALREADY_EXISTS. */
public interface ProjectStore {
  void insert(Project project);

  Optional<Project> find(String id);

  /** Projects ordered by id, strictly after {@code afterId} ("" for the first page). */
  List<Project> list(String afterId, int limit);

  /** Names the primary account holder (or none). */
  void setPrimaryAccount(String projectId, Optional<String> accountId);

  /** Primary account holders with name and e-mail, by project id, resuming after {@code cursor}. */
  Slice<PrimaryAccountHolder> listPrimaryAccountHolders(String cursor, int size);
}
