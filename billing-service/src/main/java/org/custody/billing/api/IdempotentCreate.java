package org.custody.billing.api;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.custody.platform.idempotency.Idempotency;

/**
 * AIP-155 creation without personal data in the idempotency table: the stored response carries
 * only the new resource's name, and a retry answers by reading that resource. (The platform keeps
 * whole responses in clear; billing's responses are personal data that must stay sealed.)
 */
final class IdempotentCreate {
  private IdempotentCreate() {}

  /**
   * @param create makes the resource
   * @param nameOnly the response to keep: only the resource's name
   * @param reread the resource a kept response names, for a retry
   */
  static <T, R extends Message> T run(Idempotency idempotency, String requestId, Message request, Parser<R> parser,
      Supplier<T> create, Function<T, R> nameOnly, Function<R, T> reread) {
    AtomicReference<T> created = new AtomicReference<>();
    R kept = idempotency.execute(requestId, request, parser, () -> {
      T resource = create.get();
      created.set(resource);
      return nameOnly.apply(resource);
    });
    T fresh = created.get();
    return fresh != null ? fresh : reread.apply(kept);
  }
}
