package org.custody.disclosure.api;

import java.util.function.Function;

/** Domain enums and their contract mirrors, which are the same names behind a prefix. */
final class ProtoEnums {
  private ProtoEnums() {}

  /** {@code RECIPIENT_KIND_AFFILIATE} with prefix {@code RECIPIENT_KIND_} becomes {@code AFFILIATE}. */
  static <E extends Enum<E>> E toDomain(Enum<?> proto, String prefix, Class<E> type) {
    return Enum.valueOf(type, proto.name().substring(prefix.length()));
  }

  static <P extends Enum<P>> P toProto(Enum<?> domain, String prefix, Function<String, P> valueOf) {
    return valueOf.apply(prefix + domain.name());
  }
}
