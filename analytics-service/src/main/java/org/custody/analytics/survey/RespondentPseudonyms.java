package org.custody.analytics.survey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The only form in which a survey respondent is stored: HMAC-SHA-256 of the account's resource
 * name under a secret key kept outside the database (configuration or CUSTODY_HOME). Without
 * the key the pseudonym cannot be computed from an account name or reversed; with it, the
 * service can find one subject's responses for export and erasure.
 */
public final class RespondentPseudonyms {
  /** Shortest key accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  private final SecretKeySpec key;

  public RespondentPseudonyms(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the pseudonym key must be at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** The pseudonym of {@code projects/{project}/accounts/{account}}. */
  public byte[] of(String accountName) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(accountName.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
