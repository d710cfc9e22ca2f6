package org.custody.client;

import java.util.UUID;

/** AIP-155 request ids: one per logical operation, reused by every retry of it. */
public final class RequestIds {
  private RequestIds() {}

  /** A fresh random UUID, the form every Custody mutation's {@code request_id} accepts. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }
}
