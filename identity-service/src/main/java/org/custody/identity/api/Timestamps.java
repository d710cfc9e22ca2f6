package org.custody.identity.api;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Instants to and from protobuf timestamps. */
final class Timestamps {
  private Timestamps() {}

  static Timestamp of(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
