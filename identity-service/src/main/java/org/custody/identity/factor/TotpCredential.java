package org.custody.identity.factor;

import java.time.Instant;
import java.util.Optional;

/**
 * An account's TOTP enrolment as stored: the sealed secret, never the secret itself.
 *
 * @param confirmTime when a first code confirmed it; empty while pending
 * @param lastStep the last time step accepted (codes of this step or earlier are refused)
 */
public record TotpCredential(String projectId, String accountId, byte[] sealedSecret, Instant createTime, Optional<Instant> confirmTime,
    long lastStep) {
  public boolean confirmed() {
    return confirmTime.isPresent();
  }

  @Override
  public String toString() {
    return "TotpCredential[" + projectId + "/" + accountId + ", confirmed=" + confirmed() + "]";
  }
}
