package org.custody.disclosure.ledger;

import java.util.Optional;

/**
 * The outcome of checking the whole log against a signed tree head.
 *
 * @param treeSize the entries checked
 * @param rootHash the root recomputed from them
 * @param failure what was wrong, without personal data (entries hold ids only anyway)
 */
public record Verification(boolean valid, long treeSize, byte[] rootHash, Optional<String> failure) {
  static Verification ok(long treeSize, byte[] rootHash) {
    return new Verification(true, treeSize, rootHash, Optional.empty());
  }

  static Verification failed(long treeSize, byte[] rootHash, String failure) {
    return new Verification(false, treeSize, rootHash, Optional.of(failure));
  }
}
