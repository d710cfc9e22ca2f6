package org.custody.disclosure.api;

import static org.custody.platform.api.UnaryReplies.reply;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import org.custody.disclosure.ledger.ConsistencyProof;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.LedgerAudit;
import org.custody.disclosure.ledger.LedgerIncidents;
import org.custody.platform.access.CallContext;
import org.custody.proto.disclosure.v1.AcknowledgeLedgerIncidentRequest;
import org.custody.proto.disclosure.v1.AcknowledgeLedgerIncidentResponse;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.disclosure.ledger.Verification;
import org.custody.platform.api.PageTokens;
import org.custody.proto.disclosure.v1.GetConsistencyProofRequest;
import org.custody.proto.disclosure.v1.GetConsistencyProofResponse;
import org.custody.proto.disclosure.v1.GetInclusionProofRequest;
import org.custody.proto.disclosure.v1.GetInclusionProofResponse;
import org.custody.proto.disclosure.v1.GetLedgerPublicKeyRequest;
import org.custody.proto.disclosure.v1.GetLedgerPublicKeyResponse;
import org.custody.proto.disclosure.v1.GetSignedTreeHeadRequest;
import org.custody.proto.disclosure.v1.GetSignedTreeHeadResponse;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.ListLedgerEntriesResponse;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.custody.proto.disclosure.v1.VerifyLedgerResponse;
import org.custody.proto.disclosure.v1.VerifyLedgerWithProgressRequest;
import org.custody.proto.disclosure.v1.VerifyLedgerWithProgressResponse;

/** The LedgerService adapter: heads, proofs, entries, verification and the public key. */
public final class LedgerGrpcService extends LedgerServiceGrpc.LedgerServiceImplBase {
  private final Ledger ledger;
  private final LedgerAudit audit;
  private final LedgerIncidents incidents;

  public LedgerGrpcService(Ledger ledger, LedgerAudit audit, LedgerIncidents incidents) {
    this.ledger = ledger;
    this.audit = audit;
    this.incidents = incidents;
  }

  @Override
  public void acknowledgeLedgerIncident(AcknowledgeLedgerIncidentRequest request,
      StreamObserver<AcknowledgeLedgerIncidentResponse> response) {
    long id = Long.parseLong(request.getIncident().substring(LedgerIncidents.PREFIX.length()));
    LedgerIncidents.Acknowledgement done = incidents.acknowledge(id, CallContext.caller(), request.getCaseReference());
    reply(response, AcknowledgeLedgerIncidentResponse.newBuilder()
        .setIncident(LedgerIncidents.PREFIX + done.incident()).setLedgerIndex(done.ledgerIndex()).build());
  }

  @Override
  public void getSignedTreeHead(GetSignedTreeHeadRequest request, StreamObserver<GetSignedTreeHeadResponse> response) {
    reply(response, GetSignedTreeHeadResponse.newBuilder().setTreeHead(LedgerMapper.toProto(ledger.latestHead())).build());
  }

  @Override
  public void getInclusionProof(GetInclusionProofRequest request, StreamObserver<GetInclusionProofResponse> response) {
    reply(response, GetInclusionProofResponse.newBuilder()
        .setProof(LedgerMapper.toProto(ledger.inclusionProof(request.getLeafIndex(), request.getTreeSize())))
        .build());
  }

  @Override
  public void getConsistencyProof(GetConsistencyProofRequest request, StreamObserver<GetConsistencyProofResponse> response) {
    ConsistencyProof proof = ledger.consistencyProof(request.getFirstSize(), request.getSecondSize());
    GetConsistencyProofResponse.Builder out = GetConsistencyProofResponse.newBuilder()
        .setFirstSize(proof.firstSize()).setSecondSize(proof.secondSize());
    proof.hashes().forEach(h -> out.addHashes(ByteString.copyFrom(h)));
    reply(response, out.build());
  }

  @Override
  public void listLedgerEntries(ListLedgerEntriesRequest request, StreamObserver<ListLedgerEntriesResponse> response) {
    ListLedgerEntriesResponse.Builder out = ListLedgerEntriesResponse.newBuilder();
    ledger.entries(request.getStartIndex(), PageTokens.size(request.getPageSize(), 100)).forEach(e -> out.addEntries(LedgerMapper.toProto(e)));
    reply(response, out.build());
  }

  @Override
  public void verifyLedger(VerifyLedgerRequest request, StreamObserver<VerifyLedgerResponse> response) {
    reply(response, toResponse(audit.verify()));
  }

  private VerifyLedgerResponse toResponse(Verification result) {
    VerifyLedgerResponse.Builder out = VerifyLedgerResponse.newBuilder()
        .setValid(result.valid())
        .setTreeSize(result.treeSize())
        .setRootHash(ByteString.copyFrom(result.rootHash()));
    result.failure().ifPresent(out::setFailure);
    incidents.open().ifPresent(open -> out.setOpenIncident(LedgerIncidents.PREFIX + open.id()));
    return out.build();
  }

  @Override
  public void verifyLedgerWithProgress(VerifyLedgerWithProgressRequest request,
      StreamObserver<VerifyLedgerWithProgressResponse> response) {
    ProgressReports reports = new ProgressReports(response, System.nanoTime());
    Verification result = audit.verify(reports::checked);
    reports.finish(result);
    reply(response, VerifyLedgerWithProgressResponse.newBuilder().setResult(toResponse(result)).build());
  }

  @Override
  public void getLedgerPublicKey(GetLedgerPublicKeyRequest request, StreamObserver<GetLedgerPublicKeyResponse> response) {
    reply(response, GetLedgerPublicKeyResponse.newBuilder()
        .setAlgorithm(TreeHeadSigner.ALGORITHM)
        .setKeyId(ledger.signer().keyId())
        .setPublicKey(ByteString.copyFrom(ledger.signer().publicKeyDer()))
        .build());
  }
}
