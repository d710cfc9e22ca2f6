package org.custody.disclosure.api;

import org.custody.platform.api.ProtoTimes;
import com.google.protobuf.ByteString;
import org.custody.disclosure.ledger.InclusionProof;
import org.custody.disclosure.ledger.LedgerEntry;
import org.custody.disclosure.ledger.SignedTreeHead;

/** Ledger values between contract and domain. */
final class LedgerMapper {
  private LedgerMapper() {}

  static org.custody.proto.disclosure.v1.SignedTreeHead toProto(SignedTreeHead head) {
    return org.custody.proto.disclosure.v1.SignedTreeHead.newBuilder()
        .setTreeSize(head.treeSize())
        .setRootHash(ByteString.copyFrom(head.rootHash()))
        .setTimestamp(ProtoTimes.timestamp(head.timestamp()))
        .setSignature(ByteString.copyFrom(head.signature()))
        .setKeyId(head.keyId())
        .build();
  }

  static org.custody.proto.disclosure.v1.InclusionProof toProto(InclusionProof proof) {
    var b = org.custody.proto.disclosure.v1.InclusionProof.newBuilder()
        .setLeafIndex(proof.leafIndex())
        .setTreeSize(proof.treeSize())
        .setLeafHash(ByteString.copyFrom(proof.leafHash()));
    proof.hashes().forEach(h -> b.addHashes(ByteString.copyFrom(h)));
    return b.build();
  }

  static org.custody.proto.disclosure.v1.LedgerEntry toProto(LedgerEntry entry) {
    return org.custody.proto.disclosure.v1.LedgerEntry.newBuilder()
        .setIndex(entry.index())
        .setEntryType(entry.type())
        .setPayload(ByteString.copyFrom(entry.payload()))
        .setAppendTime(ProtoTimes.timestamp(entry.appendTime()))
        .setLeafHash(ByteString.copyFrom(entry.leafHash()))
        .build();
  }

  /** An entry as an auditor receives it (used by the command-line verifier). */
  static LedgerEntry fromProto(org.custody.proto.disclosure.v1.LedgerEntry entry) {
    return new LedgerEntry(entry.getIndex(), entry.getEntryType(), entry.getPayload().toByteArray(), ProtoTimes.instant(entry.getAppendTime()));
  }

  static SignedTreeHead fromProto(org.custody.proto.disclosure.v1.SignedTreeHead head) {
    return new SignedTreeHead(head.getTreeSize(), head.getRootHash().toByteArray(), ProtoTimes.instant(head.getTimestamp()),
        head.getSignature().toByteArray(), head.getKeyId());
  }
}
