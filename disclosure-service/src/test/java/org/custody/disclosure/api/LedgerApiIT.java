package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.custody.disclosure.app.LedgerVerifierCli;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.disclosure.ledger.ProofVerifier;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.platform.access.Purpose;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.config.EnvReader;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.GetConsistencyProofRequest;
import org.custody.proto.disclosure.v1.GetInclusionProofRequest;
import org.custody.proto.disclosure.v1.GetLedgerPublicKeyRequest;
import org.custody.proto.disclosure.v1.GetSignedTreeHeadRequest;
import org.custody.proto.disclosure.v1.InclusionProof;
import org.custody.proto.disclosure.v1.LedgerEntry;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.SignedTreeHead;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.custody.proto.disclosure.v1.VerifyLedgerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ledger over gRPC: signed heads, proofs a client checks itself, the verifier RPC and command, tampering, metrics. */
@ExtendWith(FreshDatabase.class)
class LedgerApiIT {
  private static ServiceHarness harness;
  private static Database database;

  @BeforeAll
  static void start(DatabaseSettings settings) {
    harness = ServiceHarness.of(DisclosureTestServer.start(settings, ServiceRuntime.systemClock(),
        Map.of("CUSTODY_LEDGER_VERIFY_INTERVAL", "300ms")));
    database = Database.open(settings, "disclosure", null);
    for (int i = 0; i < 23; i++) {
      harness.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
          .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("court-" + i).setRecipient(Recipient.newBuilder()
              .setDisplayName("Court " + i).setKind(RecipientKind.RECIPIENT_KIND_PUBLIC_AUTHORITY)
              .addPermittedCategories(DataCategory.DATA_CATEGORY_USER_NAME)).build());
    }
  }

  /** Heads are signed at most every sign interval: wait for one covering everything appended so far. */
  private static SignedTreeHead headCoveringEverything() {
    long appended = ledger().verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getTreeSize();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        ledger().getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()).getTreeHead().getTreeSize() >= appended);
    return ledger().getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()).getTreeHead();
  }

  @AfterAll
  static void stop() {
    database.close();
    harness.close();
  }

  private static LedgerServiceGrpc.LedgerServiceBlockingStub ledger() {
    return harness.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
  }

  private static List<byte[]> hashes(List<ByteString> hashes) {
    return hashes.stream().map(ByteString::toByteArray).toList();
  }

  private static org.custody.disclosure.ledger.SignedTreeHead domain(SignedTreeHead head) {
    return new org.custody.disclosure.ledger.SignedTreeHead(head.getTreeSize(), head.getRootHash().toByteArray(),
        ProtoTimes.instant(head.getTimestamp()), head.getSignature().toByteArray(), head.getKeyId());
  }

  @Test
  void signedTreeHead_verifiesWithThePublishedKey() {
    var key = ledger().getLedgerPublicKey(GetLedgerPublicKeyRequest.getDefaultInstance());
    assertThat(key.getAlgorithm()).isEqualTo("Ed25519");
    SignedTreeHead head = headCoveringEverything();
    assertThat(head.getTreeSize()).isGreaterThanOrEqualTo(23);
    assertThat(head.getKeyId()).isEqualTo(key.getKeyId());
    assertThat(TreeHeadSigner.verify(domain(head), TreeHeadSigner.publicKey(key.getPublicKey().toByteArray()))).isTrue();
    SignedTreeHead forged = head.toBuilder().setTreeSize(head.getTreeSize() - 1).build();
    assertThat(TreeHeadSigner.verify(domain(forged), TreeHeadSigner.publicKey(key.getPublicKey().toByteArray()))).isFalse();
  }

  @Test
  void inclusionProofs_ofEveryEntry_verifyAgainstTheHead_andTamperedOnesDoNot() throws Exception {
    SignedTreeHead head = headCoveringEverything();
    List<LedgerEntry> entries = ledger().listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setPageSize(1000).build()).getEntriesList();
    for (LedgerEntry entry : entries.subList(0, (int) head.getTreeSize())) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((byte) 0);
      assertThat(sha.digest(entry.getPayload().toByteArray())).isEqualTo(entry.getLeafHash().toByteArray());
      InclusionProof proof = ledger().getInclusionProof(GetInclusionProofRequest.newBuilder().setLeafIndex(entry.getIndex())
          .setTreeSize(head.getTreeSize()).build()).getProof();
      assertThat(proof.getLeafHash()).isEqualTo(entry.getLeafHash());
      byte[] root = head.getRootHash().toByteArray();
      assertThat(ProofVerifier.verifyInclusion(proof.getLeafIndex(), proof.getTreeSize(), entry.getLeafHash().toByteArray(),
          hashes(proof.getHashesList()), root)).isTrue();
      assertThat(ProofVerifier.verifyInclusion(proof.getLeafIndex() + 1, proof.getTreeSize(), entry.getLeafHash().toByteArray(),
          hashes(proof.getHashesList()), root)).isFalse();
      if (proof.getHashesCount() > 0) {
        assertThat(ProofVerifier.verifyInclusion(proof.getLeafIndex(), proof.getTreeSize(), entry.getLeafHash().toByteArray(),
            hashes(proof.getHashesList().subList(1, proof.getHashesCount())), root)).isFalse();
      }
    }
  }

  @Test
  void consistencyProof_linksAnOlderHeadToTheNewest() {
    SignedTreeHead newest = headCoveringEverything();
    var older = ledger().getInclusionProof(GetInclusionProofRequest.newBuilder().setLeafIndex(0).setTreeSize(7).build());
    var proof = ledger().getConsistencyProof(GetConsistencyProofRequest.newBuilder().setFirstSize(7).setSecondSize(newest.getTreeSize()).build());
    assertThat(proof.getHashesCount()).isPositive();
    // Rebuild the size-7 root from the inclusion proof of leaf 0, then check consistency with the newest root.
    byte[] firstRoot = rootFromPath(older.getProof());
    assertThat(ProofVerifier.verifyConsistency(7, newest.getTreeSize(), firstRoot, newest.getRootHash().toByteArray(),
        hashes(proof.getHashesList()))).isTrue();
  }

  private static byte[] rootFromPath(InclusionProof proof) {
    byte[] r = proof.getLeafHash().toByteArray();
    for (ByteString sibling : proof.getHashesList()) {
      r = org.custody.disclosure.ledger.MerkleHash.node(r, sibling.toByteArray()); // leaf 0: every sibling is on the right
    }
    return r;
  }

  @Test
  void inclusionProof_beyondTheHead_isInvalid() {
    assertThatThrownBy(() -> ledger().getInclusionProof(GetInclusionProofRequest.newBuilder().setLeafIndex(1_000_000).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThatThrownBy(() -> ledger().getConsistencyProof(GetConsistencyProofRequest.newBuilder().setFirstSize(5).setSecondSize(4).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void ledgerEntries_areNotReadableByTheFrontEnd_butItsHeadIs() {
    var frontend = harness.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SUBJECT_REQUEST);
    assertThat(frontend.getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()).getTreeHead().getTreeSize()).isPositive();
    assertThatThrownBy(() -> frontend.listLedgerEntries(ListLedgerEntriesRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void periodicVerification_reportsItsOutcomeAsMetrics() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      String metrics = harness.scrapeMetrics();
      assertThat(metrics).containsPattern("(?m)^custody_ledger_verification_ok\\{[^}]*} 1\\.0$");
      assertThat(metrics).containsPattern("(?m)^custody_ledger_last_verification_timestamp_seconds\\{[^}]*} 1\\.[0-9]+E9$");
      assertThat(metrics).containsPattern("(?m)^custody_ledger_entries\\{[^}]*} (2[3-9]|[3-9][0-9])\\.0$");
    });
  }

  @Test
  void verifierCommand_checksTheLedgerOverTheApi() throws Exception {
    Path keyFile = Files.createTempFile("ledger", ".pub");
    Files.write(keyFile, ledger().getLedgerPublicKey(GetLedgerPublicKeyRequest.getDefaultInstance()).getPublicKey().toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = LedgerVerifierCli.run(List.of("--target", "127.0.0.1:" + harness.server().port(), "--public-key", keyFile.toString()),
        new EnvReader(Map.of("CUSTODY_CLIENT_TOKEN", TestCallers.token(TestCallers.OPERATOR))), new PrintStream(out));
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("VALID");
    assertThat(code).isZero();

    Path otherKey = Files.createTempFile("other", ".pub");
    Files.write(otherKey, TreeHeadSigner.fromSeed(new byte[32]).publicKeyDer());
    ByteArrayOutputStream wrong = new ByteArrayOutputStream();
    assertThat(LedgerVerifierCli.run(List.of("--target", "127.0.0.1:" + harness.server().port(), "--public-key", otherKey.toString()),
        new EnvReader(Map.of("CUSTODY_CLIENT_TOKEN", TestCallers.token(TestCallers.OPERATOR))), new PrintStream(wrong))).isEqualTo(1);
    assertThat(wrong.toString(StandardCharsets.UTF_8)).startsWith("INVALID");
  }

  @Test
  void tamperedRow_isReportedByTheRpcTheCommandAndTheMetric() {
    assertThat(ledger().verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid()).isTrue();
    String flip = "UPDATE ledger_entries SET payload = CONCAT(SUBSTRING(payload, 1, 5), CHAR(ASCII(SUBSTRING(payload, 6, 1)) ^ 1), "
        + "SUBSTRING(payload, 7)) WHERE entry_index = 3";
    database.dsl().execute(flip);
    try {
      VerifyLedgerResponse result = ledger().verifyLedger(VerifyLedgerRequest.getDefaultInstance());
      assertThat(result.getValid()).isFalse();
      assertThat(result.getFailure()).isNotEmpty();
      // A periodic verification that read the ledger before the flip may finish after the RPC's
      // and report "valid" last; every verification that starts after the flip reports 0.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(harness.scrapeMetrics()).containsPattern("(?m)^custody_ledger_verification_ok\\{[^}]*} 0\\.0$"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(LedgerVerifierCli.run(List.of("--target", "127.0.0.1:" + harness.server().port()),
          new EnvReader(Map.of("CUSTODY_CLIENT_TOKEN", TestCallers.token(TestCallers.OPERATOR))), new PrintStream(out))).isEqualTo(1);
    } finally {
      database.dsl().execute(flip);
    }
    assertThat(ledger().verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid()).isTrue();
  }
}
