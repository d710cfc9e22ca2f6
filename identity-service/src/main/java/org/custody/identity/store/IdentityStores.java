package org.custody.identity.store;

import org.custody.identity.project.ProjectStore;
import org.jooq.DSLContext;

/** The composition root's only way to the jOOQ stores, which are package-private. */
public final class IdentityStores {
  private final DSLContext dsl;

  public IdentityStores(DSLContext dsl) {
    this.dsl = dsl;
  }

  public ProjectStore projects() {
    return new JooqProjectStore(dsl);
  }
}
