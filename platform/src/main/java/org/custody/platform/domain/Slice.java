package org.custody.platform.domain;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One page of a listing plus, when more follow, the opaque cursor that resumes after it (the API
 * wraps it in a page token, see {@link org.custody.platform.api.PageTokens}).
 */
public record Slice<T>(List<T> items, Optional<String> nextCursor) {
  public Slice {
    items = List.copyOf(items);
  }

  /**
   * A page of at most {@code size} items: {@code fetchAtMost} is asked for one more (the extra one
   * tells that more follow, without counting) and the result is cut with {@link #of}.
   */
  public static <T> Slice<T> fetch(int size, IntFunction<List<T>> fetchAtMost, Function<T, String> cursorOf) {
    return of(fetchAtMost.apply(size + 1), size, cursorOf);
  }

  /** Cuts a store result fetched with {@code size + 1} rows into a page. */
  public static <T> Slice<T> of(List<T> fetched, int size, Function<T, String> cursorOf) {
    if (fetched.size() <= size) {
      return new Slice<>(fetched, Optional.empty());
    }
    List<T> page = fetched.subList(0, size);
    return new Slice<>(page, Optional.of(cursorOf.apply(page.get(size - 1))));
  }

  /** The same page with every item mapped; the cursor is kept. */
  public <R> Slice<R> map(Function<T, R> mapper) {
    return new Slice<>(items.stream().map(mapper).toList(), nextCursor);
  }
}
