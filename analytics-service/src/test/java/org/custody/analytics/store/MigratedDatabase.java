package org.custody.analytics.store;

import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;

/** The analytics schema, migrated on a fresh test database. */
final class MigratedDatabase {
  private MigratedDatabase() {}

  static Database open(DatabaseSettings settings) {
    return Database.open(settings, "analytics", null);
  }
}
