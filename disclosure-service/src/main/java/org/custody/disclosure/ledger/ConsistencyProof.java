package org.custody.disclosure.ledger;

import java.util.List;

/** The RFC 6962 proof that the tree of {@code secondSize} extends the tree of {@code firstSize}. */
public record ConsistencyProof(long firstSize, long secondSize, List<byte[]> hashes) {
  public ConsistencyProof {
    hashes = List.copyOf(hashes);
  }

  public boolean verify(byte[] firstRoot, byte[] secondRoot) {
    return ProofVerifier.verifyConsistency(firstSize, secondSize, firstRoot, secondRoot, hashes);
  }
}
