package org.custody.identity.project;

import java.time.Clock;
import java.util.Optional;
import org.custody.platform.domain.Slice;
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

  /** A page of projects in id order after {@code afterId}; the cursor is the last project's id. */
  public Slice<Project> list(String afterId, int size) {
    return Slice.fetch(size, limit -> store.list(afterId, limit), Project::id);
  }
}
