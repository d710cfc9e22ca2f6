package org.custody.deploy;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A local SMTP server for the all-in-one suite: the disclosure service delivers its notices over
 * real SMTP, and the messages stay in memory on this machine instead of reaching anyone.
 * Production deployments point CUSTODY_SMTP_HOST at a real relay instead.
 *
 * <p>Built on SubEthaSMTP (a runtime SMTP server library: no test framework comes with it, unlike
 * GreenMail, which tests keep using).
 */
public final class MailCatcher implements AutoCloseable {
  /** Far above any notice the suite sends; a larger message is refused rather than buffered. */
  private static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  private final SMTPServer server;
  private final List<byte[]> received;

  private MailCatcher(SMTPServer server, List<byte[]> received) {
    this.server = server;
    this.received = received;
  }

  /** Starts on a free port of 127.0.0.1. */
  public static MailCatcher start() {
    List<byte[]> received = new CopyOnWriteArrayList<>();
    SMTPServer server = SMTPServer.port(0)
        .bindAddress(InetAddress.getLoopbackAddress())
        .hostName("localhost")
        .maxMessageSize(MAX_MESSAGE_BYTES)
        .simpleMessageListener(new Keeper(received))
        .build();
    server.start();
    return new MailCatcher(server, received);
  }

  public int port() {
    return server.getPortAllocated();
  }

  /** Every message received so far, in arrival order. */
  public List<MimeMessage> messages() {
    Session session = Session.getInstance(new Properties());
    return received.stream().map(raw -> parse(session, raw)).toList();
  }

  private static MimeMessage parse(Session session, byte[] raw) {
    try {
      return new MimeMessage(session, new ByteArrayInputStream(raw));
    } catch (MessagingException e) {
      throw new IllegalStateException("a received message is not MIME", e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Accepts every recipient and keeps each message's bytes. */
  private record Keeper(List<byte[]> received) implements SimpleMessageListener {
    @Override
    public boolean accept(String from, String recipient) {
      return true;
    }

    @Override
    public void deliver(String from, String recipient, InputStream data) {
      try {
        received.add(data.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
