package org.custody.disclosure.store;

import org.custody.disclosure.recipient.RecipientStore;
import org.jooq.DSLContext;

/** The composition root's only way to the jOOQ stores, which are package-private. */
public final class DisclosureStores {
  private final DSLContext dsl;

  public DisclosureStores(DSLContext dsl) {
    this.dsl = dsl;
  }

  public RecipientStore recipients() {
    return new JooqRecipientStore(dsl);
  }
}
