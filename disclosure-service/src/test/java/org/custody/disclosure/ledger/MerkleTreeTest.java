package org.custody.disclosure.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tree arithmetic against the RFC 6962 definitions written out naively (recursive MTH, PATH
 * and PROOF over a list), and against the published test vectors of the reference implementation.
 */
class MerkleTreeTest {
  private static final HexFormat HEX = HexFormat.of();
  /** The leaves of the certificate-transparency reference test vectors. */
  private static final String[] VECTOR_LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
      "606162636465666768696a6b6c6d6e6f"};
  private static final String[] VECTOR_ROOTS = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

  @Test
  void emptyRoot_isSha256OfNothing() {
    assertThat(HEX.formatHex(TreeFrontier.empty().root())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void frontierRoot_matchesReferenceVectors() {
    TreeFrontier tree = TreeFrontier.empty();
    for (int i = 0; i < VECTOR_LEAVES.length; i++) {
      tree.append(MerkleHash.leaf(HEX.parseHex(VECTOR_LEAVES[i])));
      assertThat(HEX.formatHex(tree.root())).as("root of size %d", i + 1).isEqualTo(VECTOR_ROOTS[i]);
    }
  }

  @Test
  void proofsFromStoredNodes_equalNaiveRfc6962Definitions() {
    List<byte[]> leaves = new ArrayList<>();
    Map<NodeId, byte[]> stored = new HashMap<>();
    TreeFrontier tree = TreeFrontier.empty();
    for (int n = 1; n <= 70; n++) {
      byte[] leaf = MerkleHash.leaf(new byte[] {(byte) n, (byte) (n * 7)});
      leaves.add(leaf);
      tree.append(leaf).forEach(node -> stored.put(node.id(), node.hash()));
      byte[] root = mth(leaves, 0, n);
      assertThat(tree.root()).isEqualTo(root);
      assertThat(TreeShape.hash(new TreeShape.Range(0, n), stored)).isEqualTo(root);
      assertThat(TreeFrontier.of(n, stored).root()).isEqualTo(root);
      for (int m = 0; m < n; m++) {
        List<byte[]> path = TreeShape.hashes(TreeShape.inclusionPath(m, n), stored);
        assertThat(path).as("path %d in %d", m, n).containsExactlyElementsOf(naivePath(m, leaves, 0, n));
        assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get(m), path, root)).isTrue();
      }
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = TreeShape.hashes(TreeShape.consistencyPath(m, n), stored);
        assertThat(proof).as("proof %d to %d", m, n).containsExactlyElementsOf(naiveSubproof(m, leaves, 0, n, true));
        assertThat(ProofVerifier.verifyConsistency(m, n, mth(leaves, 0, m), root, proof)).as("consistency %d to %d", m, n).isTrue();
      }
    }
  }

  @Test
  void appendCreatesEachPerfectNodeOnce_keyedByLastLeaf() {
    TreeFrontier tree = TreeFrontier.empty();
    Map<NodeId, byte[]> stored = new HashMap<>();
    for (int i = 0; i < 16; i++) {
      for (TreeFrontier.Node node : tree.append(MerkleHash.leaf(new byte[] {(byte) i}))) {
        assertThat(stored.put(node.id(), node.hash())).isNull();
        assertThat(node.id().lastLeaf()).isEqualTo(i);
        assertThat(NodeId.ofLastLeaf(node.id().lastLeaf(), node.id().level())).isEqualTo(node.id());
      }
    }
    // 16 leaves + 8 + 4 + 2 + 1 interior nodes.
    assertThat(stored).hasSize(31);
  }

  static byte[] mth(List<byte[]> leaves, int start, int end) {
    if (end - start == 1) {
      return leaves.get(start);
    }
    int k = Integer.highestOneBit(end - start - 1);
    return MerkleHash.node(mth(leaves, start, start + k), mth(leaves, start + k, end));
  }

  private static List<byte[]> naivePath(int m, List<byte[]> leaves, int start, int end) {
    List<byte[]> path = new ArrayList<>();
    if (end - start == 1) {
      return path;
    }
    int k = Integer.highestOneBit(end - start - 1);
    if (m - start < k) {
      path.addAll(naivePath(m, leaves, start, start + k));
      path.add(mth(leaves, start + k, end));
    } else {
      path.addAll(naivePath(m, leaves, start + k, end));
      path.add(mth(leaves, start, start + k));
    }
    return path;
  }

  private static List<byte[]> naiveSubproof(int m, List<byte[]> leaves, int start, int end, boolean whole) {
    List<byte[]> proof = new ArrayList<>();
    int n = end - start;
    if (m == n) {
      if (!whole) {
        proof.add(mth(leaves, start, end));
      }
      return proof;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      proof.addAll(naiveSubproof(m, leaves, start, start + k, whole));
      proof.add(mth(leaves, start + k, end));
    } else {
      proof.addAll(naiveSubproof(m - k, leaves, start + k, end, false));
      proof.add(mth(leaves, start, start + k));
    }
    return proof;
  }
}
