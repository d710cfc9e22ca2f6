package org.custody.identity.store;

import static org.custody.identity.store.generated.Tables.ACCOUNTS;
import static org.custody.identity.store.generated.Tables.PROJECTS;

import java.util.List;
import java.util.Optional;
import org.custody.identity.project.PrimaryAccountHolder;
import org.custody.identity.project.Project;
import org.custody.identity.project.ProjectStore;
import org.custody.identity.store.generated.tables.records.ProjectsRecord;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.jooq.exception.IntegrityConstraintViolationException;

final class JooqProjectStore implements ProjectStore {
  private final ThreadBoundTransactions db;

  JooqProjectStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public void insert(Project project) {
    try {
      db.dsl().insertInto(PROJECTS)
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
    return db.dsl().selectFrom(PROJECTS).where(PROJECTS.ID.eq(id)).fetchOptional().map(JooqProjectStore::toProject);
  }

  @Override
  public List<Project> list(String afterId, int limit) {
    return db.dsl().selectFrom(PROJECTS).where(PROJECTS.ID.gt(afterId)).orderBy(PROJECTS.ID).limit(limit)
        .fetch(JooqProjectStore::toProject);
  }

  @Override
  public void setPrimaryAccount(String projectId, Optional<String> accountId) {
    db.dsl().update(PROJECTS).set(PROJECTS.PRIMARY_ACCOUNT_ID, accountId.orElse(null)).where(PROJECTS.ID.eq(projectId)).execute();
  }

  @Override
  public Slice<PrimaryAccountHolder> listPrimaryAccountHolders(String cursor, int size) {
    var rows = db.dsl().select(PROJECTS.ID, ACCOUNTS.ID, ACCOUNTS.FULL_NAME, ACCOUNTS.EMAIL)
        .from(PROJECTS)
        .join(ACCOUNTS).on(ACCOUNTS.PROJECT_ID.eq(PROJECTS.ID), ACCOUNTS.ID.eq(PROJECTS.PRIMARY_ACCOUNT_ID))
        .where(PROJECTS.ID.gt(cursor == null ? "" : cursor))
        .orderBy(PROJECTS.ID)
        .limit(size + 1)
        .fetch();
    return Cursors.slice(rows, size,
        r -> new PrimaryAccountHolder(r.value1(), r.value2(), r.value3(), r.value4()),
        r -> r.value1());
  }

  private static Project toProject(ProjectsRecord r) {
    return new Project(r.getId(), r.getDisplayName(), Optional.ofNullable(r.getPrimaryAccountId()), r.getCreateTime());
  }
}
