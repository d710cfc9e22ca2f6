package org.custody.disclosure.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A signed commitment to the first {@code treeSize} entries of the log.
 *
 * @param timestamp when signed, in whole microseconds (what the database keeps)
 * @param signature Ed25519 over {@link #signedBytes()}
 * @param keyId which key signed it (see {@link TreeHeadSigner#keyId()})
 */
public record SignedTreeHead(long treeSize, byte[] rootHash, Instant timestamp, byte[] signature, String keyId) {
  private static final byte[] DOMAIN = "custody.ledger.tree-head.v1\0".getBytes(StandardCharsets.US_ASCII);

  public SignedTreeHead {
    rootHash = rootHash.clone();
    signature = signature.clone();
    timestamp = timestamp.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The canonical encoding signed: the ASCII domain label {@code custody.ledger.tree-head.v1} and
   * a NUL byte, the tree size (8 bytes, big-endian), the timestamp in microseconds since the epoch
   * (8 bytes, big-endian), and the 32-byte root hash.
   */
  public byte[] signedBytes() {
    return signedBytes(treeSize, rootHash, timestamp);
  }

  static byte[] signedBytes(long treeSize, byte[] rootHash, Instant timestamp) {
    Instant micros = timestamp.truncatedTo(ChronoUnit.MICROS);
    return ByteBuffer.allocate(DOMAIN.length + 16 + rootHash.length)
        .put(DOMAIN)
        .putLong(treeSize)
        .putLong(micros.getEpochSecond() * 1_000_000L + micros.getNano() / 1000)
        .put(rootHash)
        .array();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedTreeHead h && h.treeSize == treeSize && java.util.Arrays.equals(h.rootHash, rootHash)
        && h.timestamp.equals(timestamp) && java.util.Arrays.equals(h.signature, signature) && h.keyId.equals(keyId);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(treeSize) * 31 + java.util.Arrays.hashCode(rootHash);
  }

  @Override
  public String toString() {
    return "SignedTreeHead[treeSize=" + treeSize + ", keyId=" + keyId + "]";
  }
}
