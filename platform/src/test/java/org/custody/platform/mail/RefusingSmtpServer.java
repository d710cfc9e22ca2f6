package org.custody.platform.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server on a real socket that refuses every recipient with the given reply (e.g.
 * 550, a bounce; 451, a transient refusal), for tests of how refusals are classified.
 */
public final class RefusingSmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final String rcptReply;
  private final AtomicInteger refused = new AtomicInteger();
  private final Thread thread;

  public RefusingSmtpServer(String rcptReply) {
    this.rcptReply = rcptReply;
    try {
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.thread = new Thread(this::serve, "refusing-smtp");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** How many RCPT commands were refused. */
  public int refused() {
    return refused.get();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        talk(client);
      } catch (IOException e) {
        // closed, or the client hung up
      }
    }
  }

  private void talk(Socket client) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = client.getOutputStream();
    reply(out, "220 refusing.test ESMTP");
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
      switch (command) {
        case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 ok");
        case "RCPT" -> {
          refused.incrementAndGet();
          reply(out, rcptReply);
        }
        case "QUIT" -> {
          reply(out, "221 bye");
          return;
        }
        default -> reply(out, "502 not implemented");
      }
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
