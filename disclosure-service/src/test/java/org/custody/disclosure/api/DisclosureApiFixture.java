package org.custody.disclosure.api;

import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_CONTACT_ADDRESS;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_DEVICE_COOKIE_ID;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_FINANCIAL;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_NAME;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_UNIQUE_ID;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.Disclosure;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureScope;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.NonDisclosureAgreement;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.SubjectList;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A disclosure service over real gRPC against MariaDB with the recipients the decision tests ask
 * for (a processor under NDA and one whose NDA ended, an authority, a partner, an affiliate, a
 * commercial organisation, an acquirer), and the calls they make. Each subclass gets its own
 * database and server.
 */
@ExtendWith(FreshDatabase.class)
abstract class DisclosureApiFixture {
  static final org.custody.proto.common.v1.Purpose SERVICE = org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION;
  static final org.custody.proto.common.v1.Purpose CONTACT = org.custody.proto.common.v1.Purpose.PURPOSE_CONTACT;
  static final org.custody.proto.common.v1.Purpose LEGAL = org.custody.proto.common.v1.Purpose.PURPOSE_LEGAL_COMPLIANCE;
  static final org.custody.proto.common.v1.Purpose FRAUD = org.custody.proto.common.v1.Purpose.PURPOSE_SECURITY_FRAUD;
  static final org.custody.proto.common.v1.Purpose IMPROVEMENT = org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_IMPROVEMENT;
  static final long DAY = 86_400;
  static ServiceHarness harness;

  @BeforeAll
  static void start(DatabaseSettings database) {
    harness = ServiceHarness.of(DisclosureTestServer.start(database, ServiceRuntime.systemClock(), Map.of()));
    long now = System.currentTimeMillis() / 1000;
    register("mailer", RecipientKind.RECIPIENT_KIND_PROCESSOR_UNDER_NDA, List.of(CONTACT, SERVICE),
        List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL), nda(now - DAY, now + 300 * DAY), "");
    register("old-mailer", RecipientKind.RECIPIENT_KIND_PROCESSOR_UNDER_NDA, List.of(CONTACT),
        List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL), nda(now - 400 * DAY, now - DAY), "");
    register("court", RecipientKind.RECIPIENT_KIND_PUBLIC_AUTHORITY, List.of(LEGAL, FRAUD), List.of(DATA_CATEGORY_USER_NAME,
        DATA_CATEGORY_USER_CONTACT_EMAIL, DATA_CATEGORY_USER_CONTACT_ADDRESS, DATA_CATEGORY_USER_FINANCIAL,
        DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD, DATA_CATEGORY_USER_DEVICE_COOKIE_ID, DATA_CATEGORY_USER_UNIQUE_ID), null, "");
    register("partner", RecipientKind.RECIPIENT_KIND_SERVICE_PARTNER, List.of(SERVICE, CONTACT),
        List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL), null, "");
    register("sister", RecipientKind.RECIPIENT_KIND_AFFILIATE, List.of(IMPROVEMENT), List.of(DATA_CATEGORY_USER_NAME), null, "Holding AG");
    register("broker", RecipientKind.RECIPIENT_KIND_COMMERCIAL_ORGANISATION, List.of(SERVICE), List.of(DATA_CATEGORY_USER_NAME), null, "");
    register("buyer", RecipientKind.RECIPIENT_KIND_ACQUIRER, List.of(SERVICE), List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL),
        null, "");
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static NonDisclosureAgreement nda(long start, long end) {
    return NonDisclosureAgreement.newBuilder().setReference("NDA-" + start).setStartTime(Timestamp.newBuilder().setSeconds(start))
        .setEndTime(Timestamp.newBuilder().setSeconds(end)).build();
  }

  private static void register(String id, RecipientKind kind, List<org.custody.proto.common.v1.Purpose> purposes, List<DataCategory> categories,
      NonDisclosureAgreement nda, String controller) {
    Recipient.Builder r = Recipient.newBuilder().setDisplayName(id + " Ltd").setKind(kind).addAllPermittedPurposes(purposes)
        .addAllPermittedCategories(categories).setControllingEntity(controller);
    if (nda != null) {
      r.setNda(nda);
    }
    harness.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId(id).setRecipient(r).build());
  }

  static SubjectRef account(String id) {
    return SubjectRef.newBuilder().setProject("projects/acme").setAccount("projects/acme/accounts/" + id).build();
  }

  static RequestDisclosureRequest.Builder ask(String recipient, DisclosureBasis basis, org.custody.proto.common.v1.Purpose purpose,
      RecipientUse use, List<DataCategory> categories, SubjectRef... subjects) {
    return RequestDisclosureRequest.newBuilder().setRecipient("recipients/" + recipient)
        .setScope(DisclosureScope.newBuilder().setSubjects(SubjectList.newBuilder().addAllSubjects(List.of(subjects))))
        .addAllCategories(categories).setPurpose(purpose).setBasis(basis).setRecipientUse(use)
        .setRequestedBy("operator-7").setRequestId(UUID.randomUUID().toString());
  }

  static DisclosureServiceGrpc.DisclosureServiceBlockingStub operator(org.custody.proto.common.v1.Purpose purpose) {
    return harness.stub(DisclosureServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.fromProto(purpose));
  }

  static Disclosure decide(RequestDisclosureRequest request) {
    return operator(request.getPurpose()).requestDisclosure(request).getDisclosure();
  }

  static long ledgerSize() {
    return harness.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getTreeSize();
  }

  static StatusRuntimeException failure(RequestDisclosureRequest request) {
    try {
      decide(request);
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("the request succeeded");
  }
}
