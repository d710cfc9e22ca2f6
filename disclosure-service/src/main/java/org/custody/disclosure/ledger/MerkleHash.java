package org.custody.disclosure.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 6962 (section 2.1) hashes: a leaf is {@code SHA-256(0x00 || entry)}, an interior node
 * {@code SHA-256(0x01 || left || right)}, and the empty tree {@code SHA-256("")}. The prefixes
 * keep a leaf from ever being passed off as a node (second-preimage resistance).
 */
public final class MerkleHash {
  public static final int SIZE = 32;
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private MerkleHash() {}

  public static byte[] leaf(byte[] entry) {
    MessageDigest digest = sha256();
    digest.update(LEAF_PREFIX);
    digest.update(entry);
    return digest.digest();
  }

  public static byte[] node(byte[] left, byte[] right) {
    MessageDigest digest = sha256();
    digest.update(NODE_PREFIX);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /** The root of the tree with no leaves. */
  public static byte[] empty() {
    return sha256().digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }
}
