package org.custody.disclosure.ledger;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Checks a whole log against a signed tree head: entries numbered 0..n-1 with no gap, duplicate
 * or extra row; each payload naming its own row's index, type and time; the root recomputed from
 * the payloads equal to the signed root; the signature valid under the given key. Given the
 * stored perfect-subtree hashes too, it checks every one of them against the recomputed tree, so
 * a tampered node (which would make proofs lie) is caught as well.
 *
 * <p>Streams: memory stays O(log n) whatever the size of the log.
 */
public final class LedgerVerifier {
  private LedgerVerifier() {}

  /**
   * @param entries the log in index order
   * @param storedNodes the stored nodes in append order ({@link LedgerStore#nodesInAppendOrder}),
   *     or null when the caller has only the entries (e.g. an auditor reading over the API)
   */
  public static Verification verify(Iterator<LedgerEntry> entries, Iterator<LedgerStore.StoredNode> storedNodes,
      SignedTreeHead head, PublicKey publicKey) {
    TreeFrontier tree = TreeFrontier.empty();
    long expected = 0;
    while (entries.hasNext()) {
      LedgerEntry entry = entries.next();
      if (entry.index() != expected) {
        return Verification.failed(expected, tree.root(), "entry " + entry.index() + " found where entry " + expected
            + " belongs: a row is missing, duplicated, reordered or inserted");
      }
      if (expected >= head.treeSize()) {
        return Verification.failed(expected, tree.root(), "entry " + entry.index() + " lies beyond the signed tree size "
            + head.treeSize() + ": a row was inserted");
      }
      if (!EntryPayload.matchesColumns(entry)) {
        return Verification.failed(expected, tree.root(), "entry " + entry.index() + " does not match its hashed payload");
      }
      List<TreeFrontier.Node> created = tree.append(entry.leafHash());
      if (storedNodes != null) {
        for (TreeFrontier.Node node : created) {
          if (!storedNodes.hasNext()) {
            return Verification.failed(expected, tree.root(), "stored node level=" + node.id().level() + " index="
                + node.id().index() + " is missing");
          }
          LedgerStore.StoredNode stored = storedNodes.next();
          if (!stored.id().equals(node.id()) || !MessageDigest.isEqual(stored.hash(), node.hash())) {
            return Verification.failed(expected, tree.root(), stored.id().level() == 0 && stored.id().equals(node.id())
                ? "entry " + entry.index() + " does not hash to its stored leaf hash: the entry or the hash was altered"
                : "stored node level=" + stored.id().level() + " index=" + stored.id().index()
                    + " does not match the tree recomputed from the entries");
          }
        }
      }
      expected++;
    }
    byte[] root = tree.root();
    if (expected != head.treeSize()) {
      return Verification.failed(expected, root, "the log holds " + expected + " entries but the signed tree head covers "
          + head.treeSize() + ": rows were deleted");
    }
    if (storedNodes != null && storedNodes.hasNext()) {
      LedgerStore.StoredNode extra = storedNodes.next();
      return Verification.failed(expected, root, "stored node level=" + extra.id().level() + " index=" + extra.id().index()
          + " belongs to no entry");
    }
    if (!MessageDigest.isEqual(root, head.rootHash())) {
      return Verification.failed(expected, root, "the recomputed root " + HexFormat.of().formatHex(root)
          + " differs from the signed root " + HexFormat.of().formatHex(head.rootHash()));
    }
    String keyId = TreeHeadSigner.keyId(publicKey);
    if (!keyId.equals(head.keyId())) {
      return Verification.failed(expected, root, "the tree head names key " + head.keyId() + ", not the verifying key " + keyId);
    }
    if (!TreeHeadSigner.verify(head, publicKey)) {
      return Verification.failed(expected, root, "the tree head signature is invalid");
    }
    return Verification.ok(expected, root);
  }
}
