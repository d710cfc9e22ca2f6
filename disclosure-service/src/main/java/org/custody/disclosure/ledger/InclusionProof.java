package org.custody.disclosure.ledger;

import java.util.List;

/** The RFC 6962 audit path of leaf {@code leafIndex} in the tree of {@code treeSize}, leaf upwards. */
public record InclusionProof(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> hashes) {
  public InclusionProof {
    hashes = List.copyOf(hashes);
  }

  /** Checks this proof against a tree root. */
  public boolean verify(byte[] root) {
    return ProofVerifier.verifyInclusion(leafIndex, treeSize, leafHash, hashes, root);
  }
}
