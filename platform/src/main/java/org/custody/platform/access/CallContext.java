package org.custody.platform.access;

import io.grpc.Context;

/**
 * The authenticated caller and declared purpose of the current call, set by
 * {@link AccessControlInterceptor} before any handler runs.
 */
public final class CallContext {
  static final Context.Key<String> CALLER = Context.key("custody-caller");
  static final Context.Key<Purpose> PURPOSE = Context.key("custody-purpose");
  static final Context.Key<String> METHOD = Context.key("custody-method");

  private CallContext() {}

  /**
   * Runs {@code work} as if called by {@code caller} for {@code purpose}: for background jobs
   * that reuse call-scoped mechanisms (idempotency keys) and for tests.
   */
  public static <T> T callAs(String caller, Purpose purpose, java.util.function.Supplier<T> work) {
    Context context = Context.current().withValue(CALLER, caller).withValue(PURPOSE, purpose);
    Context previous = context.attach();
    try {
      return work.get();
    } finally {
      context.detach(previous);
    }
  }

  /** The caller's name, e.g. "frontend" or "disclosure". */
  public static String caller() {
    String caller = CALLER.get();
    if (caller == null) {
      throw new IllegalStateException("no authenticated call in this context");
    }
    return caller;
  }

  /** The purpose the caller declared. */
  public static Purpose purpose() {
    Purpose purpose = PURPOSE.get();
    if (purpose == null) {
      throw new IllegalStateException("no authenticated call in this context");
    }
    return purpose;
  }

  /** The full gRPC method of the current call, or "" outside a call (tests calling a handler directly). */
  public static String currentMethod() {
    String method = METHOD.get();
    return method == null ? "" : method;
  }

  /** The caller of the current call, or "" outside a call. */
  public static String currentCaller() {
    String caller = CALLER.get();
    return caller == null ? "" : caller;
  }
}
