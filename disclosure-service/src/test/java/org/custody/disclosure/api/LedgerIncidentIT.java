package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.disclosure.v1.AcknowledgeLedgerIncidentRequest;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.DecisionOutcome;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.Evidence;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A ledger found tampered makes disclosure fail closed (issue 15 §3): the periodic verification
 * opens an incident, new disclosures are FAILED_PRECONDITION LEDGER_UNTRUSTED — even once the
 * row is put back — until an operator acknowledges the incident through the ledgered RPC.
 */
@ExtendWith(FreshDatabase.class)
class LedgerIncidentIT {
  private static final org.custody.proto.common.v1.Purpose SERVICE = org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION;
  private static final String FLIP = "UPDATE ledger_entries SET payload = CONCAT(SUBSTRING(payload, 1, 5), "
      + "CHAR(ASCII(SUBSTRING(payload, 6, 1)) ^ 1), SUBSTRING(payload, 7)) WHERE entry_index = 0";
  private static ServiceHarness harness;
  private static Database database;

  @BeforeAll
  static void start(DatabaseSettings settings) {
    harness = ServiceHarness.of(DisclosureTestServer.start(settings, ServiceRuntime.systemClock(),
        Map.of("CUSTODY_LEDGER_VERIFY_INTERVAL", "200ms")));
    database = Database.open(settings, "disclosure", null);
    harness.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("broker").setRecipient(Recipient.newBuilder()
            .setDisplayName("Broker Ltd").setKind(RecipientKind.RECIPIENT_KIND_COMMERCIAL_ORGANISATION)
            .addPermittedPurposes(SERVICE).addPermittedCategories(DataCategory.DATA_CATEGORY_USER_NAME)).build());
  }

  @AfterAll
  static void stop() {
    database.close();
    harness.close();
  }

  private static RequestDisclosureRequest ask() {
    return DisclosureApiIT.ask("broker", DisclosureBasis.DISCLOSURE_BASIS_REQUESTED_SERVICE, SERVICE,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DataCategory.DATA_CATEGORY_USER_NAME), DisclosureApiIT.account("alice"))
        .setEvidence(Evidence.newBuilder().setRequestReference("REQ-1")).build();
  }

  private static DisclosureServiceGrpc.DisclosureServiceBlockingStub disclosures() {
    return harness.stub(DisclosureServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION);
  }

  private static LedgerServiceGrpc.LedgerServiceBlockingStub ledger(Purpose purpose) {
    return harness.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, purpose);
  }

  @Test
  void tamperedLedger_refusesNewDisclosures_untilAnOperatorAcknowledges_inTheLedger() {
    assertThat(disclosures().requestDisclosure(ask()).getDisclosure().getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_DENIED);

    database.dsl().execute(FLIP);
    String incident;
    try {
      await().atMost(Duration.ofSeconds(20)).until(() ->
          !ledger(Purpose.SECURITY_FRAUD).verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getOpenIncident().isEmpty());
      incident = ledger(Purpose.SECURITY_FRAUD).verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getOpenIncident();
      assertThat(incident).matches("ledgerIncidents/[0-9]+");
      ErrorDetails refused = ErrorDetails.ofFailure(() -> disclosures().requestDisclosure(ask()));
      assertThat(refused.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(refused.reason()).isEqualTo("LEDGER_UNTRUSTED");
    } finally {
      database.dsl().execute(FLIP);
    }
    // The ledger checks out again, but nobody has looked into it: still closed.
    assertThat(ledger(Purpose.SECURITY_FRAUD).verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid()).isTrue();
    assertThat(ErrorDetails.ofFailure(() -> disclosures().requestDisclosure(ask())).reason()).isEqualTo("LEDGER_UNTRUSTED");

    // Only the operator, for security: the policy refuses the acknowledgement for another purpose.
    ErrorDetails wrongPurpose = ErrorDetails.ofFailure(() -> ledger(Purpose.LEGAL_COMPLIANCE).acknowledgeLedgerIncident(
        AcknowledgeLedgerIncidentRequest.newBuilder().setIncident(incident).setCaseReference("SEC-42").build()));
    assertThat(wrongPurpose.code()).isEqualTo(Status.Code.PERMISSION_DENIED);

    var acknowledged = ledger(Purpose.SECURITY_FRAUD).acknowledgeLedgerIncident(
        AcknowledgeLedgerIncidentRequest.newBuilder().setIncident(incident).setCaseReference("SEC-42").build());
    assertThat(acknowledged.getIncident()).isEqualTo(incident);
    var entry = ledger(Purpose.SECURITY_FRAUD).listLedgerEntries(ListLedgerEntriesRequest.newBuilder()
        .setStartIndex(acknowledged.getLedgerIndex()).setPageSize(1).build()).getEntries(0);
    assertThat(entry.getEntryType()).isEqualTo("ledger.incident.acknowledged");
    assertThat(entry.getPayload().toStringUtf8()).contains(incident, "SEC-42", "\"acknowledged_by\":\"operator\"");

    assertThat(disclosures().requestDisclosure(ask()).getDisclosure().getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_DENIED);
    assertThat(ledger(Purpose.SECURITY_FRAUD).verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getOpenIncident()).isEmpty();
    ErrorDetails twice = ErrorDetails.ofFailure(() -> ledger(Purpose.SECURITY_FRAUD).acknowledgeLedgerIncident(
        AcknowledgeLedgerIncidentRequest.newBuilder().setIncident(incident).setCaseReference("SEC-42").build()));
    assertThat(twice.reason()).isEqualTo("INCIDENT_ACKNOWLEDGED");
  }
}
