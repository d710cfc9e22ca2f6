package org.custody.disclosure.testing;

import org.custody.disclosure.store.DisclosureStores;
import org.custody.platform.mail.JooqOutboxStore;
import org.custody.platform.mail.Outbox;
import org.custody.platform.testkit.MutableClock;
import org.jooq.DSLContext;

/** Disclosure's jOOQ stores with the platform outbox on the same database, for the contracts of stores that queue mail. */
public record StoresWithOutbox(DisclosureStores stores, JooqOutboxStore outboxStore, Outbox outbox) {
  /** The stores on {@code dsl}, the outbox's clock standing at {@code now}. */
  public static StoresWithOutbox at(DSLContext dsl, String now) {
    JooqOutboxStore outboxStore = new JooqOutboxStore(dsl);
    return new StoresWithOutbox(new DisclosureStores(dsl), outboxStore, new Outbox(outboxStore, MutableClock.at(now), () -> { }));
  }
}
