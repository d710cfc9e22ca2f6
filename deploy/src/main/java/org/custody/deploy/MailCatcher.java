package org.custody.deploy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * A local SMTP server for the all-in-one suite: the disclosure service delivers its notices over
 * real SMTP, and the messages stay in memory on this machine instead of reaching anyone.
 * Production deployments point CUSTODY_SMTP_HOST at a real relay instead.
 */
public final class MailCatcher implements AutoCloseable {
  private final GreenMail server;

  private MailCatcher(GreenMail server) {
    this.server = server;
  }

  /** Starts on a free port of 127.0.0.1. */
  public static MailCatcher start() {
    GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    server.start();
    return new MailCatcher(server);
  }

  public int port() {
    return server.getSmtp().getPort();
  }

  /** Every message received so far. */
  public List<MimeMessage> messages() {
    return List.of(server.getReceivedMessages());
  }

  @Override
  public void close() {
    server.stop();
  }
}
