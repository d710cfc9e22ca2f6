package org.custody.billing.store;

import static org.custody.billing.store.generated.Tables.BILLING_PROFILES;
import static org.custody.billing.store.generated.Tables.DATA_KEYS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;
import org.custody.billing.crypto.DataKeyRef;
import org.custody.billing.profile.BillingProfileStore.Sealed;
import org.custody.billing.profile.BillingProfileStore.Stored;
import org.custody.platform.api.AccountName;
import org.custody.platform.db.InstantConverter;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One profile of a subject with its wrapped data key (the read behind every GetBillingProfile).
 * jOOQ renders the statement once, in the dialect of the server reached; each read then runs it
 * as a plain prepared statement on the current connection. Rendering a join per call cost as
 * much CPU as the rest of the read's database work.
 */
final class ProfileByIdQuery {
  private static final InstantConverter INSTANTS = new InstantConverter();

  private final ThreadBoundTransactions db;
  private final String sql;

  ProfileByIdQuery(ThreadBoundTransactions db) {
    this.db = db;
    DSLContext dsl = db.dsl();
    // Column order is the order read below.
    this.sql = dsl.render(dsl
        .select(BILLING_PROFILES.ID, BILLING_PROFILES.PROJECT_ID, BILLING_PROFILES.ACCOUNT_ID, BILLING_PROFILES.DATA_KEY_ID,
            BILLING_PROFILES.SEALED_DETAILS, BILLING_PROFILES.CREATE_TIME, BILLING_PROFILES.UPDATE_TIME,
            DATA_KEYS.ID, DATA_KEYS.KEK_VERSION, DATA_KEYS.WRAPPED_KEY)
        .from(BILLING_PROFILES).join(DATA_KEYS).on(DATA_KEYS.ID.eq(BILLING_PROFILES.DATA_KEY_ID))
        .where(BILLING_PROFILES.PROJECT_ID.eq(DSL.param("project_id", String.class)),
            BILLING_PROFILES.ACCOUNT_ID.eq(DSL.param("account_id", String.class)),
            BILLING_PROFILES.ID.eq(DSL.param("id", String.class))));
  }

  Optional<Stored> find(AccountName subject, String id) {
    return db.dsl().connectionResult(connection -> find(connection, subject, id));
  }

  private Optional<Stored> find(Connection connection, AccountName subject, String id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, subject.projectId());
      statement.setString(2, subject.accountId());
      statement.setString(3, id);
      try (ResultSet r = statement.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Sealed row = new Sealed(r.getString(1), new AccountName(r.getString(2), r.getString(3)), r.getString(4), r.getBytes(5),
            INSTANTS.from(r.getObject(6, LocalDateTime.class)), INSTANTS.from(r.getObject(7, LocalDateTime.class)));
        return Optional.of(new Stored(row, new DataKeyRef(r.getString(8), r.getInt(9), r.getBytes(10))));
      }
    }
  }
}
