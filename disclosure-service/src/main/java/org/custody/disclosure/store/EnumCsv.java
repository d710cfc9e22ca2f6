package org.custody.disclosure.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Sets of enum constants in one VARCHAR column: names, sorted, comma-separated. */
final class EnumCsv {
  private EnumCsv() {}

  static String join(Collection<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  static <E extends Enum<E>> Set<E> split(String csv, Class<E> type) {
    Set<E> values = EnumSet.noneOf(type);
    if (csv != null) {
      Arrays.stream(csv.split(",")).filter(s -> !s.isEmpty()).forEach(s -> values.add(Enum.valueOf(type, s)));
    }
    return values;
  }
}
