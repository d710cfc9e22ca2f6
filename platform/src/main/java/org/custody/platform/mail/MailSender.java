package org.custody.platform.mail;

import java.util.List;

/** Hands messages to a mail server. */
public interface MailSender {
  /** What happened to one message. */
  record Result(Status status, String code) {
    public static final Result DELIVERED = new Result(Status.DELIVERED, "");

    public static Result transientFailure(String code) {
      return new Result(Status.TRANSIENT_FAILURE, code);
    }

    public static Result permanentFailure(String code) {
      return new Result(Status.PERMANENT_FAILURE, code);
    }
  }

  /** Delivered; refused for now (retry); refused for good (bounce). */
  enum Status {
    DELIVERED,
    TRANSIENT_FAILURE,
    PERMANENT_FAILURE
  }

  /** Sends each message (over one connection where possible); one result per message, in order. */
  List<Result> send(List<OutgoingMail> mails);
}
