package org.custody.disclosure.ledger;

import java.time.Instant;
import java.util.Arrays;

/**
 * One entry of the log. {@code payload} is the canonical JSON the leaf hash covers; it repeats
 * the index, type and time so that no stored column escapes the hash. Entries carry ids only.
 */
public record LedgerEntry(long index, String type, byte[] payload, Instant appendTime) {
  public LedgerEntry {
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** SHA-256(0x00 || payload). */
  public byte[] leafHash() {
    return MerkleHash.leaf(payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LedgerEntry e && e.index == index && e.type.equals(type) && Arrays.equals(e.payload, payload)
        && e.appendTime.equals(appendTime);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index);
  }

  @Override
  public String toString() {
    return "LedgerEntry[index=" + index + ", type=" + type + "]";
  }
}
