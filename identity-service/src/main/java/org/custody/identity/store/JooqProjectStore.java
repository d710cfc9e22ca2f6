package org.custody.identity.store;

import static org.custody.identity.store.generated.Tables.PROJECTS;

import java.util.List;
import java.util.Optional;
import org.custody.identity.project.Project;
import org.custody.identity.project.ProjectStore;
import org.custody.identity.store.generated.tables.records.ProjectsRecord;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

final class JooqProjectStore implements ProjectStore {
  private final DSLContext dsl;

  JooqProjectStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public void insert(Project project) {
    try {
      dsl.insertInto(PROJECTS)
          .set(PROJECTS.ID, project.id())
          .set(PROJECTS.DISPLAY_NAME, project.displayName())
          .set(PROJECTS.PRIMARY_ACCOUNT_ID, project.primaryAccountId().orElse(null))
          .set(PROJECTS.CREATE_TIME, project.createTime())
          .execute();
    } catch (IntegrityConstraintViolationException e) {
      throw DomainException.of(ErrorKind.ALREADY_EXISTS, "PROJECT_ALREADY_EXISTS", "a project with this id already exists");
    }
  }

  @Override
  public Optional<Project> find(String id) {
    return dsl.selectFrom(PROJECTS).where(PROJECTS.ID.eq(id)).fetchOptional().map(JooqProjectStore::toProject);
  }

  @Override
  public List<Project> list(String afterId, int limit) {
    return dsl.selectFrom(PROJECTS).where(PROJECTS.ID.gt(afterId)).orderBy(PROJECTS.ID).limit(limit)
        .fetch(JooqProjectStore::toProject);
  }

  private static Project toProject(ProjectsRecord r) {
    return new Project(r.getId(), r.getDisplayName(), Optional.ofNullable(r.getPrimaryAccountId()), r.getCreateTime());
  }
}
