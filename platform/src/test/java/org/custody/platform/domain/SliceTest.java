package org.custody.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SliceTest {
  private static final List<Integer> ROWS = IntStream.rangeClosed(1, 5).boxed().toList();

  /** A store listing ROWS after a cursor, at most {@code limit}, remembering each limit it was asked for. */
  private static List<Integer> list(int after, int limit, List<Integer> asked) {
    asked.add(limit);
    return ROWS.stream().filter(r -> r > after).limit(limit).toList();
  }

  @Test
  void fetch_asksForOneMore_andCutsAPageWithTheLastKeptRowAsCursor() {
    List<Integer> asked = new ArrayList<>();
    Slice<Integer> first = Slice.fetch(2, limit -> list(0, limit, asked), String::valueOf);
    assertThat(asked).containsExactly(3);
    assertThat(first.items()).containsExactly(1, 2);
    assertThat(first.nextCursor()).contains("2");

    Slice<Integer> second = Slice.fetch(2, limit -> list(Integer.parseInt(first.nextCursor().orElseThrow()), limit, asked), String::valueOf);
    assertThat(second.items()).containsExactly(3, 4);
    Slice<Integer> last = Slice.fetch(2, limit -> list(4, limit, asked), String::valueOf);
    assertThat(last.items()).containsExactly(5);
    assertThat(last.nextCursor()).isEmpty();
  }

  @Test
  void of_exactlyAFullPage_hasNoNextCursor() {
    assertThat(Slice.of(List.of(1, 2), 2, String::valueOf).nextCursor()).isEqualTo(Optional.empty());
    assertThat(Slice.of(List.of(1, 2, 3), 2, String::valueOf).map(i -> i * 10).items()).containsExactly(10, 20);
  }
}
