package org.custody.billing.testing;

import static org.custody.billing.testing.Requests.createProfile;

import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * For API tests about who may read one subject's billing data: a billing test server on the test
 * class's own database, its clock at 2026-03-15T10:00:00Z, with Ann's billing profile created
 * through the front end. Subclasses get {@link #server}, {@link #annProfile}, and
 * {@link #database} to start further servers on the same data.
 */
@ExtendWith(FreshDatabase.class)
public abstract class AnnsProfileFixture {
  protected static BillingTestServer server;
  protected static DatabaseSettings database;
  protected static String annProfile;

  @BeforeAll
  protected static void startServerWithAnnsProfile(DatabaseSettings settings) {
    database = settings;
    server = BillingTestServer.start(database, MutableClock.at("2026-03-15T10:00:00Z"));
    annProfile = server.frontend().createBillingProfile(createProfile("ann")).getBillingProfile().getName();
  }

  @AfterAll
  protected static void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
