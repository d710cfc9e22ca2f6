package org.custody.platform.errors;

/**
 * Describes a throwable for logs without its messages: driver and library messages can quote
 * the values involved (a duplicate e-mail, a bound parameter), and those must never reach a log.
 */
public final class SafeDescription {
  private SafeDescription() {}

  /** Exception classes of the cause chain and the innermost cause's top frames. */
  public static String of(Throwable t) {
    StringBuilder sb = new StringBuilder();
    Throwable root = t;
    int depth = 0;
    for (Throwable c = t; c != null && depth < 10; c = c.getCause(), depth++) {
      if (sb.length() > 0) {
        sb.append(" <- ");
      }
      sb.append(c.getClass().getName());
      if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
        sb.append("[sqlstate=").append(sql.getSQLState()).append(", code=").append(sql.getErrorCode()).append(']');
      }
      root = c;
    }
    StackTraceElement[] frames = root.getStackTrace();
    for (int i = 0; i < Math.min(8, frames.length); i++) {
      sb.append(i == 0 ? " at " : " | ").append(frames[i]);
    }
    return sb.toString();
  }
}
