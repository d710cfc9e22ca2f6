package org.custody.disclosure.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every way a proof can be wrong fails verification, for every leaf of trees up to 40 leaves. */
class ProofVerifierTest {
  private static final int MAX = 40;
  private static final List<byte[]> leaves = new ArrayList<>();
  private static final Map<NodeId, byte[]> stored = new HashMap<>();
  private static final List<byte[]> roots = new ArrayList<>();

  @BeforeAll
  static void buildTree() {
    TreeFrontier tree = TreeFrontier.empty();
    roots.add(tree.root());
    for (int i = 0; i < MAX; i++) {
      byte[] leaf = MerkleHash.leaf(("entry " + i).getBytes());
      leaves.add(leaf);
      tree.append(leaf).forEach(n -> stored.put(n.id(), n.hash()));
      roots.add(tree.root());
    }
  }

  private static List<byte[]> path(int m, int n) {
    return TreeShape.hashes(TreeShape.inclusionPath(m, n), stored);
  }

  private static List<byte[]> consistency(int m, int n) {
    return TreeShape.hashes(TreeShape.consistencyPath(m, n), stored);
  }

  @Test
  void inclusion_wrongLeaf_fails() {
    for (int n = 1; n <= MAX; n++) {
      for (int m = 0; m < n; m++) {
        byte[] other = leaves.get((m + 1) % MAX);
        assertThat(ProofVerifier.verifyInclusion(m, n, other, path(m, n), roots.get(n))).as("leaf %d of %d", m, n).isFalse();
      }
    }
  }

  @Test
  void inclusion_wrongIndex_fails() {
    for (int n = 2; n <= MAX; n++) {
      for (int m = 0; m < n; m++) {
        List<byte[]> proof = path(m, n);
        for (int wrong = 0; wrong < n + 2; wrong++) {
          if (wrong != m) {
            assertThat(ProofVerifier.verifyInclusion(wrong, n, leaves.get(m), proof, roots.get(n)))
                .as("leaf %d of %d claimed at %d", m, n, wrong).isFalse();
          }
        }
      }
    }
  }

  @Test
  void inclusion_wrongTreeSize_fails() {
    for (int n = 1; n <= MAX; n++) {
      for (int m = 0; m < n; m++) {
        List<byte[]> proof = path(m, n);
        for (int wrongSize = 1; wrongSize <= MAX; wrongSize++) {
          if (wrongSize != n) {
            // Checked as a verifier would: against the signed root of the size claimed.
            assertThat(ProofVerifier.verifyInclusion(m, wrongSize, leaves.get(m), proof, roots.get(wrongSize)))
                .as("leaf %d of %d claimed in size %d", m, n, wrongSize).isFalse();
          }
        }
      }
    }
  }

  @Test
  void inclusion_truncatedOrPadded_fails() {
    byte[] padding = MerkleHash.leaf("padding".getBytes());
    for (int n = 1; n <= MAX; n++) {
      for (int m = 0; m < n; m++) {
        List<byte[]> proof = path(m, n);
        assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get(m), proof, roots.get(n))).isTrue();
        if (!proof.isEmpty()) {
          assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get(m), proof.subList(0, proof.size() - 1), roots.get(n)))
              .as("truncated %d of %d", m, n).isFalse();
          assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get(m), proof.subList(1, proof.size()), roots.get(n)))
              .as("head-truncated %d of %d", m, n).isFalse();
        }
        List<byte[]> padded = new ArrayList<>(proof);
        padded.add(padding);
        assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get(m), padded, roots.get(n))).as("padded %d of %d", m, n).isFalse();
        List<byte[]> repeated = new ArrayList<>(proof);
        repeated.add(roots.get(n));
        assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get(m), repeated, roots.get(n))).isFalse();
      }
    }
  }

  @Test
  void inclusion_flippedBitInAnyHash_fails() {
    for (int n = 2; n <= MAX; n += 3) {
      for (int m = 0; m < n; m++) {
        List<byte[]> proof = path(m, n);
        for (int i = 0; i < proof.size(); i++) {
          List<byte[]> tampered = new ArrayList<>(proof);
          byte[] hash = tampered.get(i).clone();
          hash[i % hash.length] ^= 0x01;
          tampered.set(i, hash);
          assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get(m), tampered, roots.get(n))).isFalse();
        }
      }
    }
  }

  @Test
  void inclusion_malformedHashes_fail() {
    List<byte[]> proof = new ArrayList<>(path(3, 9));
    proof.set(0, new byte[31]);
    assertThat(ProofVerifier.verifyInclusion(3, 9, leaves.get(3), proof, roots.get(9))).isFalse();
    assertThat(ProofVerifier.verifyInclusion(-1, 9, leaves.get(3), path(3, 9), roots.get(9))).isFalse();
  }

  @Test
  void consistency_validProofs_verify_andTamperedOnesFail() {
    byte[] padding = MerkleHash.leaf("padding".getBytes());
    for (int n = 1; n <= MAX; n++) {
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = consistency(m, n);
        assertThat(ProofVerifier.verifyConsistency(m, n, roots.get(m), roots.get(n), proof)).as("%d to %d", m, n).isTrue();
        List<byte[]> padded = new ArrayList<>(proof);
        padded.add(padding);
        assertThat(ProofVerifier.verifyConsistency(m, n, roots.get(m), roots.get(n), padded)).as("padded %d to %d", m, n).isFalse();
        if (!proof.isEmpty()) {
          assertThat(ProofVerifier.verifyConsistency(m, n, roots.get(m), roots.get(n), proof.subList(0, proof.size() - 1)))
              .as("truncated %d to %d", m, n).isFalse();
        }
        byte[] bogus = MerkleHash.leaf("bogus".getBytes());
        assertThat(ProofVerifier.verifyConsistency(m, n, bogus, roots.get(n), proof)).as("wrong first root").isFalse();
        assertThat(ProofVerifier.verifyConsistency(m, n, roots.get(m), bogus, proof)).as("wrong second root").isFalse();
        if (m < n) {
          if (n < MAX) {
            assertThat(ProofVerifier.verifyConsistency(m, n + 1, roots.get(m), roots.get(n + 1), proof)).as("wrong second size").isFalse();
          }
          assertThat(ProofVerifier.verifyConsistency(m + 1, n, roots.get(m), roots.get(n), proof)).as("wrong first size").isFalse();
        }
      }
    }
  }
}
