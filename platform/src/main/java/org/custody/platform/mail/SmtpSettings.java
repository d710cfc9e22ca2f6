package org.custody.platform.mail;

import java.time.Duration;
import java.util.Optional;

/**
 * Where mail goes.
 *
 * @param username empty: no authentication
 * @param startTls require STARTTLS before sending
 * @param from the sender address of every message
 * @param timeout connect, read and write timeout
 */
public record SmtpSettings(String host, int port, Optional<String> username, String password, boolean startTls, String from, Duration timeout) {
  @Override
  public String toString() {
    return "SmtpSettings[host=" + host + ", port=" + port + ", auth=" + username.isPresent() + ", startTls=" + startTls + "]";
  }
}
