package org.custody.platform.mail;

/** Where delivery outcomes are counted (Micrometer at the edge). */
public interface OutboxMetrics {
  void delivered();

  /** An attempt failed and another is scheduled. */
  void retried();

  /** Given up: refused for good, or out of attempts. */
  void failed();
}
