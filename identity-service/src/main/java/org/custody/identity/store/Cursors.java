package org.custody.identity.store;

import java.util.List;
import java.util.function.Function;
import org.custody.platform.domain.Slice;
import org.custody.platform.api.PageTokens;
import org.custody.platform.errors.DomainException;

/** Store-side paging: cursors are sequence numbers (or time + sequence) rendered as text. */
final class Cursors {
  private Cursors() {}

  static long seq(String cursor, long first) {
    if (cursor == null || cursor.isEmpty()) {
      return first;
    }
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  static DomainException invalid() {
    return PageTokens.invalid();
  }

  /** Maps rows fetched with {@code size + 1} to a page whose cursor comes from the last row kept. */
  static <R, T> Slice<T> slice(List<R> rows, int size, Function<R, T> map, Function<R, String> cursor) {
    return Slice.of(rows, size, cursor).map(map);
  }
}
