package org.custody.disclosure.api;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;

/** What a test reads of a mail the test SMTP server received, any failure to read it failing the test. */
final class ReceivedMails {
  private ReceivedMails() {}

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new AssertionError(e);
    }
  }

  static String body(MimeMessage message) {
    try {
      return (String) message.getContent();
    } catch (MessagingException | IOException e) {
      throw new AssertionError(e);
    }
  }

  static String address(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (MessagingException e) {
      throw new AssertionError(e);
    }
  }
}
