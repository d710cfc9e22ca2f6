package org.custody.platform.db;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.function.Supplier;

/**
 * Transactions the database rolled back to resolve a conflict with another one: a deadlock victim
 * (error 1213, SQLSTATE 40001). A MariaDB Galera cluster reports a certification conflict the same
 * way, at commit (or at the next statement) of the transaction that lost to a write committed
 * through another node; nothing of the loser was applied, so running it again from the start is
 * safe when the work touches nothing but the database.
 */
public final class RollbackVictims {
  /** Attempts in all, the first included: conflicts are short-lived, a fourth loss in a row is not. */
  public static final int ATTEMPTS = 4;
  private static final int MYSQL_DEADLOCK = 1213;

  private RollbackVictims() {}

  /** Whether {@code t} (or a cause) says the database rolled the transaction back as a conflict's victim. */
  public static boolean isVictim(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLTransactionRollbackException) {
        return true;
      }
      if (c instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == MYSQL_DEADLOCK)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code transaction} (one whole database transaction, nothing outside the database) and
   * runs it again from the start when the database rolled it back as a conflict's victim, up to
   * {@value #ATTEMPTS} times in all.
   */
  public static <T> T retried(Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !isVictim(e)) {
          throw e;
        }
      }
    }
  }
}
