package org.custody.identity.project;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;

/** The in-memory fake of ProjectStore for fast unit tests. */
final class InMemoryProjectStore implements ProjectStore {
  private final ConcurrentSkipListMap<String, Project> projects = new ConcurrentSkipListMap<>();

  @Override
  public void insert(Project project) {
    if (projects.putIfAbsent(project.id(), project) != null) {
      throw DomainException.of(ErrorKind.ALREADY_EXISTS, "PROJECT_ALREADY_EXISTS", "a project with this id already exists");
    }
  }

  @Override
  public Optional<Project> find(String id) {
    return Optional.ofNullable(projects.get(id));
  }

  @Override
  public List<Project> list(String afterId, int limit) {
    return projects.tailMap(afterId, false).values().stream().limit(limit).toList();
  }

  @Override
  public void setPrimaryAccount(String projectId, Optional<String> accountId) {
    projects.computeIfPresent(projectId, (id, p) -> new Project(p.id(), p.displayName(), accountId, p.createTime()));
  }

  @Override
  public Slice<PrimaryAccountHolder> listPrimaryAccountHolders(String cursor, int size) {
    throw new UnsupportedOperationException("holders need accounts: covered by the API tests on MariaDB");
  }
}
