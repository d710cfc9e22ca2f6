package org.custody.disclosure.ledger;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

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
   * Entries appended after the latest signed head, vouched for by the stored (unsigned) root until
   * the next signature covers them.
   */
  public record Tail(long size, byte[] root) {}

  /**
   * @param entries the log in index order, exactly the entries {@code head} covers
   * @param storedNodes the stored nodes in append order ({@link LedgerStore#nodesInAppendOrder}),
   *     or null when the caller has only the entries (e.g. an auditor reading over the API)
   */
  public static Verification verify(Iterator<LedgerEntry> entries, Iterator<LedgerStore.StoredNode> storedNodes,
      SignedTreeHead head, PublicKey publicKey) {
    return verify(entries, storedNodes, head, publicKey, Optional.empty());
  }

  /**
   * As above, for a log that may extend past the signed head: the entries up to {@code tail.size},
   * whose root must be {@code tail.root}, and whose prefix the head must sign.
   */
  public static Verification verify(Iterator<LedgerEntry> entries, Iterator<LedgerStore.StoredNode> storedNodes,
      SignedTreeHead head, PublicKey publicKey, Optional<Tail> tail) {
    long size = tail.map(Tail::size).orElse(head.treeSize());
    if (size < head.treeSize()) {
      return Verification.failed(0, MerkleHash.empty(), "the signed tree head covers " + head.treeSize()
          + " entries but the tip records only " + size + ": rows were deleted");
    }
    TreeFrontier tree = TreeFrontier.empty();
    byte[] signedRoot = head.treeSize() == 0 ? MerkleHash.empty() : null;
    long expected = 0;
    while (entries.hasNext()) {
      LedgerEntry entry = entries.next();
      if (entry.index() != expected) {
        return Verification.failed(expected, tree.root(), "entry " + entry.index() + " found where entry " + expected
            + " belongs: a row is missing, duplicated, reordered or inserted");
      }
      if (expected >= size) {
        return Verification.failed(expected, tree.root(), "entry " + entry.index() + " lies beyond the tree size "
            + size + ": a row was inserted");
      }
      if (!EntryPayload.matchesColumns(entry)) {
        return Verification.failed(expected, tree.root(), "entry " + entry.index() + " does not match its hashed payload");
      }
      List<TreeFrontier.Node> created = tree.append(entry.leafHash());
      Optional<String> nodeProblem = storedNodes == null ? Optional.empty() : storedNodesProblem(entry, created, storedNodes);
      if (nodeProblem.isPresent()) {
        return Verification.failed(expected, tree.root(), nodeProblem.get());
      }
      expected++;
      if (expected == head.treeSize()) {
        signedRoot = tree.root();
      }
    }
    byte[] root = tree.root();
    if (expected != size) {
      return Verification.failed(expected, root, "the log holds " + expected + " entries but " + size
          + " were appended: rows were deleted");
    }
    if (storedNodes != null && storedNodes.hasNext()) {
      LedgerStore.StoredNode extra = storedNodes.next();
      return Verification.failed(expected, root, "stored node level=" + extra.id().level() + " index=" + extra.id().index()
          + " belongs to no entry");
    }
    if (!MessageDigest.isEqual(signedRoot, head.rootHash())) {
      return Verification.failed(expected, root, "the root recomputed over the first " + head.treeSize() + " entries, "
          + HexFormat.of().formatHex(signedRoot) + ", differs from the signed root " + HexFormat.of().formatHex(head.rootHash()));
    }
    if (tail.isPresent() && !MessageDigest.isEqual(root, tail.get().root())) {
      return Verification.failed(expected, root, "the recomputed root " + HexFormat.of().formatHex(root)
          + " differs from the root the tip records for the entries after the signed head");
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

  /** What is wrong with the next stored nodes, which must be exactly the nodes appending {@code entry} {@code created}. */
  private static Optional<String> storedNodesProblem(LedgerEntry entry, List<TreeFrontier.Node> created,
      Iterator<LedgerStore.StoredNode> storedNodes) {
    for (TreeFrontier.Node node : created) {
      if (!storedNodes.hasNext()) {
        return Optional.of("stored node level=" + node.id().level() + " index=" + node.id().index() + " is missing");
      }
      LedgerStore.StoredNode stored = storedNodes.next();
      if (!stored.id().equals(node.id()) || !MessageDigest.isEqual(stored.hash(), node.hash())) {
        return Optional.of(stored.id().level() == 0 && stored.id().equals(node.id())
            ? "entry " + entry.index() + " does not hash to its stored leaf hash: the entry or the hash was altered"
            : "stored node level=" + stored.id().level() + " index=" + stored.id().index()
                + " does not match the tree recomputed from the entries");
      }
    }
    return Optional.empty();
  }
}
