package org.custody.disclosure.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A free-text value an entry commits to without holding it: the entry's payload carries
 * {@code {"hmacSha256": "<hex>"}}, the keyed commitment HMAC-SHA256(key, UTF-8 text) under a
 * random 256-bit key drawn for the entry (never reused by another entry); the text and the key are written to {@code ledger_texts}, once per
 * subject the text concerns, in the same transaction. Deleting those rows (erasure, retention)
 * leaves a commitment nobody can open or brute-force (the key is random), and the ledger still
 * verifies: the hashed bytes never change. Someone given the text and key can check the
 * commitment ({@link #opens}).
 *
 * <p>Built by the caller before {@code Ledger.write}: the HMAC and the key are computed on the
 * calling thread, not on the single ledger writer thread.
 */
public final class LedgerText {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Mac.getInstance looks providers up on every call: one instance per thread instead. */
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  });
  /** The key of the commitment object in an entry's payload. */
  public static final String COMMITMENT = "hmacSha256";
  /** The subject id of text about no subject. */
  public static final String NO_SUBJECT = "";

  private final String text;
  private final byte[] key;
  private final String commitment;
  private final List<String> subjects;

  private LedgerText(String text, byte[] key, List<String> subjects) {
    this.text = text;
    this.key = key;
    this.commitment = HexFormat.of().formatHex(hmac(key, text));
    this.subjects = List.copyOf(subjects);
  }

  /** A commitment to {@code text} under a key of its own, kept for each of the subjects (ledger ids) it concerns. */
  public static LedgerText of(String text, List<String> subjects) {
    return forEntry(subjects).commit(text);
  }

  /**
   * One key for the free text of one entry (drawn once: a decision commits to up to four texts),
   * kept for each of the subjects (ledger ids) the entry concerns.
   */
  public static EntryKey forEntry(List<String> subjects) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new EntryKey(key, subjects.isEmpty() ? List.of(NO_SUBJECT) : List.copyOf(subjects));
  }

  /** The key of one entry's commitments. */
  public static final class EntryKey {
    private final byte[] key;
    private final List<String> subjects;

    private EntryKey(byte[] key, List<String> subjects) {
      this.key = key;
      this.subjects = subjects;
    }

    public LedgerText commit(String text) {
      return new LedgerText(text, key, subjects);
    }
  }

  /** A commitment to text about no subject (a recipient's NDA reference, a policy URL). */
  public static LedgerText about(String text) {
    return of(text, List.of());
  }

  /** Whether {@code text} under {@code key} opens the hex commitment (what an outside verifier checks). */
  public static boolean opens(String commitmentHex, byte[] key, String text) {
    return java.security.MessageDigest.isEqual(HexFormat.of().parseHex(commitmentHex), hmac(key, text));
  }

  static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = MACS.get();
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  public String text() {
    return text;
  }

  byte[] key() {
    return key.clone();
  }

  public String commitment() {
    return commitment;
  }

  List<String> subjects() {
    return subjects;
  }

  /** One row of {@code ledger_texts}. */
  public record Row(long entryIndex, String fieldPath, String subjectId, String text, byte[] key) {}

  @Override
  public String toString() {
    return "LedgerText[" + commitment + "]";
  }
}
