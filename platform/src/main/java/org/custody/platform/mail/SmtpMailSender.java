package org.custody.platform.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends through an SMTP server with Jakarta Mail (Angus), one connection per batch. A 5xx reply
 * or an unparseable address is a permanent failure (a bounce); anything else (4xx, connection
 * trouble) is transient and retried. Failures are reported as codes, never as server messages,
 * which may quote the address.
 */
public final class SmtpMailSender implements MailSender {
  private final SmtpSettings settings;
  private final Session session;

  public SmtpMailSender(SmtpSettings settings) {
    this.settings = settings;
    Properties properties = new Properties();
    properties.put("mail.smtp.host", settings.host());
    properties.put("mail.smtp.port", String.valueOf(settings.port()));
    properties.put("mail.smtp.connectiontimeout", String.valueOf(settings.timeout().toMillis()));
    properties.put("mail.smtp.timeout", String.valueOf(settings.timeout().toMillis()));
    properties.put("mail.smtp.writetimeout", String.valueOf(settings.timeout().toMillis()));
    properties.put("mail.smtp.auth", String.valueOf(settings.username().isPresent()));
    properties.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
    properties.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
    this.session = Session.getInstance(properties);
  }

  @Override
  public List<Result> send(List<OutgoingMail> mails) {
    List<Result> results = new ArrayList<>(mails.size());
    Transport transport;
    try {
      transport = session.getTransport("smtp");
      if (settings.username().isPresent()) {
        transport.connect(settings.host(), settings.port(), settings.username().get(), settings.password());
      } else {
        transport.connect();
      }
    } catch (MessagingException e) {
      mails.forEach(m -> results.add(Result.transientFailure("CONNECT")));
      return results;
    }
    try {
      for (OutgoingMail mail : mails) {
        results.add(sendOne(transport, mail));
      }
    } finally {
      try {
        transport.close();
      } catch (MessagingException ignored) {
        // the messages were already accepted or refused
      }
    }
    return results;
  }

  private Result sendOne(Transport transport, OutgoingMail mail) {
    MimeMessage message = new MimeMessage(session);
    try {
      message.setFrom(new InternetAddress(settings.from()));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
      message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
      message.setText(mail.body(), StandardCharsets.UTF_8.name());
      message.setSentDate(new Date());
      message.saveChanges();
    } catch (AddressException e) {
      return Result.permanentFailure("ADDRESS_INVALID");
    } catch (MessagingException e) {
      return Result.permanentFailure("MESSAGE_INVALID");
    }
    try {
      Address[] to = message.getAllRecipients();
      transport.sendMessage(message, to);
      return Result.DELIVERED;
    } catch (SendFailedException e) {
      return classify(e);
    } catch (MessagingException e) {
      return Result.transientFailure(transport.isConnected() ? "SEND" : "CONNECTION_LOST");
    }
  }

  private static Result classify(SendFailedException e) {
    for (Exception cause = e; cause != null; cause = cause instanceof MessagingException m ? m.getNextException() : null) {
      int code = cause instanceof SMTPAddressFailedException a ? a.getReturnCode()
          : cause instanceof SMTPSendFailedException s ? s.getReturnCode() : -1;
      if (code >= 500) {
        return Result.permanentFailure("SMTP_" + code);
      }
      if (code >= 400) {
        return Result.transientFailure("SMTP_" + code);
      }
    }
    return e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0
        ? Result.permanentFailure("ADDRESS_REFUSED") : Result.transientFailure("SEND");
  }
}
