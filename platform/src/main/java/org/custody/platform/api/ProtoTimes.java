package org.custody.platform.api;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Instants to and from {@code google.protobuf.Timestamp}, for the api mappers of every service. */
public final class ProtoTimes {
  private ProtoTimes() {}

  public static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  public static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
