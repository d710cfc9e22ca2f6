package org.custody.identity.project;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.custody.platform.errors.DomainException;

/** The rules for project sites. */
public final class Projects {
  private final ProjectStore store;
  private final Clock clock;

  public Projects(ProjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Project create(String id, String displayName) {
    Project project = new Project(id, displayName.strip(), Optional.empty(), clock.instant());
    store.insert(project);
    return project;
  }

  public Project get(String id) {
    return store.find(id).orElseThrow(() -> DomainException.notFound("project"));
  }

  /** A page of projects plus whether more follow. */
  public record Page(List<Project> projects, boolean more) {}

  public Page list(String afterId, int size) {
    List<Project> found = store.list(afterId, size + 1);
    boolean more = found.size() > size;
    return new Page(more ? found.subList(0, size) : found, more);
  }
}
