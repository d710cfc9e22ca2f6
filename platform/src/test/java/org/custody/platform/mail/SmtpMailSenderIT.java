package org.custody.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SMTP sender against real SMTP servers: GreenMail delivers, a refusing server bounces, nothing listening is transient. */
class SmtpMailSenderIT {
  private static SmtpMailSender sender(int port) {
    return new SmtpMailSender(new SmtpSettings("127.0.0.1", port, Optional.empty(), "", false, "privacy@custody.test", Duration.ofSeconds(5)));
  }

  private static OutgoingMail mail(String to) {
    return new OutgoingMail("test", "disclosures/x", Optional.empty(), to, "Notice: your data", "Hello,\n\nthe body.\n");
  }

  @Test
  void send_toGreenMail_isDelivered() throws Exception {
    GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
    try {
      List<MailSender.Result> results = sender(greenMail.getSmtp().getPort()).send(List.of(mail("ann@example.org"), mail("bob@example.org")));
      assertThat(results).extracting(MailSender.Result::status).containsExactly(MailSender.Status.DELIVERED, MailSender.Status.DELIVERED);
      assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
      MimeMessage first = greenMail.getReceivedMessages()[0];
      assertThat(first.getSubject()).isEqualTo("Notice: your data");
      assertThat(first.getFrom()[0].toString()).isEqualTo("privacy@custody.test");
    } finally {
      greenMail.stop();
    }
  }

  @Test
  void send_refusedWith550_isAPermanentFailure() {
    try (RefusingSmtpServer server = new RefusingSmtpServer("550 5.1.1 no such mailbox")) {
      MailSender.Result result = sender(server.port()).send(List.of(mail("gone@example.org"))).get(0);
      assertThat(result.status()).isEqualTo(MailSender.Status.PERMANENT_FAILURE);
      assertThat(result.code()).isEqualTo("SMTP_550");
      assertThat(server.refused()).isEqualTo(1);
    }
  }

  @Test
  void send_refusedWith451_isTransient() {
    try (RefusingSmtpServer server = new RefusingSmtpServer("451 4.3.0 try again later")) {
      MailSender.Result result = sender(server.port()).send(List.of(mail("later@example.org"))).get(0);
      assertThat(result.status()).isEqualTo(MailSender.Status.TRANSIENT_FAILURE);
      assertThat(result.code()).isEqualTo("SMTP_451");
    }
  }

  @Test
  void send_withNoServerListening_isTransient() {
    List<MailSender.Result> results = sender(1).send(List.of(mail("ann@example.org"), mail("bob@example.org")));
    assertThat(results).extracting(MailSender.Result::code).containsExactly("CONNECT", "CONNECT");
    assertThat(results).extracting(MailSender.Result::status).containsOnly(MailSender.Status.TRANSIENT_FAILURE);
  }

  @Test
  void send_toAnUnparseableAddress_isAPermanentFailure() throws Exception {
    GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
    try {
      assertThat(sender(greenMail.getSmtp().getPort()).send(List.of(mail("not an address"))).get(0).status())
          .isEqualTo(MailSender.Status.PERMANENT_FAILURE);
    } finally {
      greenMail.stop();
    }
  }
}
