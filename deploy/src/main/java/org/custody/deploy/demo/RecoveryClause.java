package org.custody.deploy.demo;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custody.platform.access.Purpose;
import org.custody.proto.identity.v1.CompleteRecoveryRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.custody.proto.identity.v1.StartRecoveryRequest;

/**
 * P15, continued: the owner of a locked-out account is not kept out — they still get in from
 * their own client, and a forgotten password is recovered with a single-use link the identity
 * service mails through its outbox (read back here from the suite's mail catcher).
 */
final class RecoveryClause {
  private static final Pattern TOKEN = Pattern.compile("#token=([A-Za-z0-9_-]{43})");
  private final DemoContext c;

  RecoveryClause(DemoContext c) {
    this.c = c;
  }

  void run(String victim, String password) {
    c.narrator.clause("P15", "Nobody can lock the owner out, and a forgotten password is recovered by e-mail");
    SessionServiceGrpc.SessionServiceBlockingStub sessions = c.clients.stub("identity", SessionServiceGrpc::newBlockingStub, "frontend",
        Purpose.AUTHENTICATION);
    IdentityServiceGrpc.IdentityServiceBlockingStub identity = c.clients.stub("identity", IdentityServiceGrpc::newBlockingStub, "frontend",
        Purpose.AUTHENTICATION);
    c.narrator.asked("the owner logs in from their own client (client_key \"owner-laptop\") while the guesser's client is throttled");
    boolean ownerIn = !sessions.login(LoginRequest.newBuilder().setProject(c.project).setEmail(victim).setPassword(password)
        .setClientKey("owner-laptop").build()).getSessionToken().isEmpty();
    c.narrator.answered(ownerIn ? "a session for the owner" : "refused");

    int before = c.mail.map(m -> m.messages().size()).orElse(0);
    identity.startRecovery(StartRecoveryRequest.newBuilder().setProject(c.project).setEmail(victim).build());
    c.narrator.asked("frontend StartRecovery(project, e-mail), then CompleteRecovery(token from the mail, new password)");
    Optional<String> token = awaitToken(victim, before);
    String newPassword = "a freshly recovered passphrase " + c.run;
    String outcome = token.map(t -> identity.completeRecovery(CompleteRecoveryRequest.newBuilder().setToken(t).setNewPassword(newPassword)
        .build()).getAccount()).map(a -> "recovered " + a).orElse("no recovery mail reached the local catcher");
    boolean newPasswordWorks = token.isPresent() && !sessions.login(LoginRequest.newBuilder().setProject(c.project).setEmail(victim)
        .setPassword(newPassword).setClientKey("owner-laptop").build()).getSessionToken().isEmpty();
    c.narrator.answered(outcome + (newPasswordWorks ? "; the new password logs in" : ""));
    c.narrator.why("throttling counts per (account, client key): the guesser locks only their own client; recovery mails a single-use "
        + "link (256-bit token, only its hash stored, 15 minutes) through the outbox, ends every session and clears every lock");
    c.narrator.expect(ownerIn, "the owner gets in from their own client");
    c.narrator.expect(newPasswordWorks, "the mailed recovery link set a new password");
  }

  private Optional<String> awaitToken(String to, int before) {
    if (c.mail.isEmpty()) {
      return Optional.empty();
    }
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      var messages = c.mail.get().messages();
      for (MimeMessage m : messages.subList(Math.min(before, messages.size()), messages.size())) {
        try {
          if (m.getAllRecipients()[0].toString().equalsIgnoreCase(to) && "Reset your password".equals(m.getSubject())) {
            Matcher matcher = TOKEN.matcher((String) m.getContent());
            if (matcher.find()) {
              return Optional.of(matcher.group(1));
            }
          }
        } catch (MessagingException | IOException e) {
          throw new IllegalStateException("cannot read a caught mail", e);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
