package org.custody.platform.db;

import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;

/**
 * A write hit a unique key that another write filled first: a retry of a request already recorded
 * (the same caller and request id), or a concurrent twin (a second erasure of one subject). Nothing
 * of the losing transaction was applied. It is a type, not a reason string, so that domain code
 * which can answer with what the first write stored catches exactly this; if nobody catches it,
 * the client hears ABORTED / WRITE_CONFLICT and may retry ({@code ErrorMappingInterceptor}).
 */
public final class WriteConflict extends RuntimeException {
  public WriteConflict(String message) {
    super(message, null, false, false); // an expected outcome, not a bug: no stack trace
  }

  /** Whether {@code e} is a unique-key (integrity constraint) violation, i.e. a conflict to report as this type. */
  public static boolean isUniqueKeyViolation(DataAccessException e) {
    return e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION;
  }
}
