package org.custody.platform.db;

import io.grpc.Context;
import io.grpc.Deadline;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.exception.DataAccessException;

/**
 * Makes the gRPC call a statement runs for bound it: no statement starts, and no transaction
 * commits, once the call is cancelled or past its deadline; a statement that runs is given the
 * call's remaining time as its query timeout (the server kills it then) and as its connection's
 * network timeout plus {@link #MARGIN_MILLIS} (a database that stops answering — paused, or
 * partitioned — releases the thread then rather than after the driver's 60 s socket timeout);
 * and a call cancelled while its statement runs cancels the statement ({@code KILL QUERY}).
 *
 * <p>The call is read from grpc's {@link Context}, which the transport attaches to the thread
 * running the handler; work outside a call (jobs, start-up) has no deadline and is not bounded
 * here. Hikari restores a connection's network timeout when it is returned to the pool.
 */
final class CallDeadlines implements ExecuteListener, TransactionListener {
  /** How much longer than its caller a statement may wait on a silent database. */
  static final long MARGIN_MILLIS = 250;
  private static final String CANCELLATION = "custody.call-cancellation";
  private static final Executor DIRECT = Runnable::run;
  /**
   * Where cancelled statements are killed: a {@code KILL QUERY} opens a connection of its own,
   * which must not hold up the thread that cancelled the call (grpc's deadline timer, or a
   * transport thread), least of all when the database does not answer.
   */
  private static final Executor CANCELLER = canceller();

  private static Executor canceller() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "custody-statement-cancel");
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  @Override
  public void executeStart(ExecuteContext ctx) {
    Context call = Context.current();
    refuseIfOver(call);
    Deadline deadline = call.getDeadline();
    Statement statement = ctx.statement();
    if (statement == null) {
      return;
    }
    try {
      if (deadline != null) {
        long remaining = Math.max(1, deadline.timeRemaining(TimeUnit.MILLISECONDS));
        statement.setQueryTimeout((int) Math.max(1, (remaining + 999) / 1000));
        Connection connection = ctx.connection();
        if (connection != null) {
          connection.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, remaining + MARGIN_MILLIS));
        }
      }
    } catch (SQLException e) {
      throw new DataAccessException("cannot bound the statement by the call's deadline", e);
    }
    if (call != Context.ROOT) {
      Context.CancellationListener cancel = cancelled -> {
        try {
          statement.cancel();
        } catch (SQLException | RuntimeException ignored) {
          // The statement may have finished or its connection closed: nothing left to cancel.
        }
      };
      call.addListener(cancel, CANCELLER);
      ctx.data(CANCELLATION, cancel);
    }
  }

  @Override
  public void end(ExecuteContext ctx) {
    Object cancel = ctx.data(CANCELLATION);
    if (cancel instanceof Context.CancellationListener listener) {
      Context.current().removeListener(listener);
    }
  }

  @Override
  public void commitStart(TransactionContext ctx) {
    // A caller that gave up must not find, after its DEADLINE_EXCEEDED, that the work committed
    // later anyway: roll back instead (the commit's own round trip is the documented margin).
    refuseIfOver(Context.current());
  }

  private static void refuseIfOver(Context call) {
    if (call.isCancelled()) {
      throw new DataAccessException("the call was cancelled or is past its deadline",
          new SQLTimeoutException("call cancelled", "70100"));
    }
  }
}
