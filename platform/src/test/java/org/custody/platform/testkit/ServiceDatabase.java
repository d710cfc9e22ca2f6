package org.custody.platform.testkit;

import java.util.function.Function;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension for a store contract run against MariaDB: registered as a static field,
 *
 * <pre>{@code @RegisterExtension static final ServiceDatabase<BillingStores> db = ServiceDatabase.of("billing", BillingStores::new);}</pre>
 *
 * <p>it creates an empty database for the test class, migrates and opens it as the named service
 * does, builds the service's store bundle once, and closes and drops the database after the
 * class. Its callbacks run before the class's own {@code @BeforeAll} methods, which may therefore
 * seed data through {@link #stores()}.
 *
 * @param <S> the service's store bundle (its public entry to the package-private jOOQ stores)
 */
public final class ServiceDatabase<S> implements BeforeAllCallback, AfterAllCallback {
  private final String service;
  private final Function<DSLContext, S> bundle;
  private DatabaseSettings settings;
  private Database database;
  private S stores;

  private ServiceDatabase(String service, Function<DSLContext, S> bundle) {
    this.service = service;
    this.bundle = bundle;
  }

  /** The database of {@code service} (its migrations), with the store bundle {@code bundle} makes. */
  public static <S> ServiceDatabase<S> of(String service, Function<DSLContext, S> bundle) {
    return new ServiceDatabase<>(service, bundle);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    settings = TestDatabases.fresh(context.getRequiredTestClass().getSimpleName());
    database = Database.open(settings, service, null);
    stores = bundle.apply(database.dsl());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (database != null) {
        database.close();
      }
    } finally {
      if (settings != null) {
        TestDatabases.drop(settings);
      }
      database = null;
      stores = null;
    }
  }

  /** The store bundle, one for the whole class. */
  public S stores() {
    return requireOpen(stores);
  }

  /** Where the database is (for a connection of the test's own). */
  public DatabaseSettings settings() {
    return requireOpen(settings);
  }

  /** The open database's context (for seeding and for inspecting rows directly). */
  public DSLContext dsl() {
    return requireOpen(database).dsl();
  }

  private static <T> T requireOpen(T value) {
    if (value == null) {
      throw new IllegalStateException("the database is open only while the test class runs (register the extension on a static field)");
    }
    return value;
  }
}
