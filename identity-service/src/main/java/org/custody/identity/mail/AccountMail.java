package org.custody.identity.mail;

import java.util.Optional;
import org.custody.identity.account.Account;
import org.custody.platform.mail.OutgoingMail;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxTransaction;

/**
 * The mails identity sends to account holders, queued in the platform outbox within the
 * caller's transaction (so a mail goes out exactly when its change commits). Each is filed under
 * the account's name as subject id, for exports and erasure. Links carry tokens after {@code #},
 * so they never reach a web server's logs or a Referer header.
 */
public final class AccountMail {
  public static final String VERIFICATION = "email-verification";
  public static final String RECOVERY = "account-recovery";
  public static final String PASSWORD_RESET = "password-reset";
  public static final String REGISTRATION_ATTEMPT = "registration-attempt";

  private final Outbox outbox;
  private final OutboxTransaction tx;
  private final String linkBase;

  /**
   * @param tx the transaction of the stores the domain writes through (joined when one is open)
   * @param linkBase where the front end's account pages are, e.g. {@code https://support.example.com/account}
   */
  public AccountMail(Outbox outbox, OutboxTransaction tx, String linkBase) {
    this.outbox = outbox;
    this.tx = tx;
    this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
  }

  public void verification(Account account, String token) {
    send(account, VERIFICATION, "Confirm your e-mail address", "Hello " + account.fullName() + ",\n\n"
        + "please confirm that this address belongs to your account by opening\n\n  " + linkBase + "/verify#token=" + token + "\n\n"
        + "or by entering this code: " + token + "\n\nThe link works once, for 24 hours. If you did not register, ignore this mail.\n", true);
  }

  public void recovery(Account account, String token) {
    send(account, RECOVERY, "Reset your password", "Hello " + account.fullName() + ",\n\n"
        + "someone (hopefully you) asked to reset the password of your account. To choose a new one, open\n\n  "
        + linkBase + "/recovery#token=" + token + "\n\nor enter this code: " + token + "\n\n"
        + "The link works once, for 15 minutes. If you did not ask, ignore this mail: your password is unchanged.\n", true);
  }

  public void passwordReset(Account account) {
    send(account, PASSWORD_RESET, "Your password was reset", "Hello " + account.fullName() + ",\n\n"
        + "the password of your account was just reset through a recovery link, and every session was ended.\n"
        + "If this was not you, reset it again at " + linkBase + "/recovery and contact support.\n", false);
  }

  public void registrationAttempt(Account account) {
    send(account, REGISTRATION_ATTEMPT, "Someone tried to register with your address", "Hello " + account.fullName() + ",\n\n"
        + "someone tried to register a new account with this e-mail address, which already has an account.\n"
        + "If it was you, log in instead, or reset your password at " + linkBase + "/recovery.\n"
        + "If it was not you, you can ignore this mail: nothing was changed.\n", false);
  }

  /** Asks for delivery soon; call after the transaction committed. */
  public void nudge() {
    outbox.nudge();
  }

  private void send(Account account, String topic, String subject, String body, boolean carriesSecret) {
    outbox.enqueue(tx, new OutgoingMail(topic, account.name(), Optional.of(account.name()), account.email(), subject, body, carriesSecret));
  }
}
