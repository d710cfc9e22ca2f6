package org.custody.disclosure.api;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Instants and protobuf timestamps. */
final class ProtoTime {
  private ProtoTime() {}

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static Timestamp timestamp(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }
}
