package org.custody.disclosure.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks RFC 6962 proofs with the algorithms of RFC 9162 sections 2.1.3.2 and 2.1.4.2, which
 * also reject proofs that are too short or too long (a padded or truncated proof never
 * verifies). Usable by anyone holding a signed tree head; needs nothing from the service.
 */
public final class ProofVerifier {
  private ProofVerifier() {}

  /** Whether {@code path} proves that {@code leafHash} is leaf {@code leafIndex} of the tree of {@code treeSize} with {@code root}. */
  public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
    if (leafIndex < 0 || leafIndex >= treeSize || !wellFormed(leafHash) || !wellFormed(root) || !allWellFormed(path)) {
      return false;
    }
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.node(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = MerkleHash.node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /** Whether {@code path} proves the tree of {@code secondSize} extends the tree of {@code firstSize}. */
  public static boolean verifyConsistency(long firstSize, long secondSize, byte[] firstRoot, byte[] secondRoot, List<byte[]> path) {
    if (firstSize < 1 || secondSize < firstSize || !wellFormed(firstRoot) || !wellFormed(secondRoot) || !allWellFormed(path)) {
      return false;
    }
    if (firstSize == secondSize) {
      return path.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
    }
    if (path.isEmpty()) {
      return false;
    }
    List<byte[]> proof = new ArrayList<>(path);
    if (Long.bitCount(firstSize) == 1) {
      proof.add(0, firstRoot);
    }
    long fn = firstSize - 1;
    long sn = secondSize - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = proof.get(0);
    byte[] sr = proof.get(0);
    for (byte[] c : proof.subList(1, proof.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHash.node(c, fr);
        sr = MerkleHash.node(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = MerkleHash.node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
  }

  private static boolean wellFormed(byte[] hash) {
    return hash != null && hash.length == MerkleHash.SIZE;
  }

  private static boolean allWellFormed(List<byte[]> hashes) {
    return hashes != null && hashes.stream().allMatch(ProofVerifier::wellFormed);
  }
}
