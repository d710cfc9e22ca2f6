package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_NAME;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.custody.platform.access.Purpose;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.disclosure.v1.Disclosure;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.FetchDisclosurePackageRequest;
import org.custody.proto.disclosure.v1.GetDisclosureRequest;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ReevaluateDisclosureRequest;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.junit.jupiter.api.Test;

/**
 * The calls around a decision over real gRPC against MariaDB: retries and concurrent duplicates
 * of a request id, bad input, callers and purposes refused, reading and re-evaluating a decision
 * and fetching its package. The rules' clauses are DisclosureApiIT's.
 */
class DisclosureRequestsIT extends DisclosureApiFixture {
  @Test
  void requestDisclosure_retriedWithTheSameRequestId_returnsTheSameDecisionAndAddsNoLedgerEntry() {
    RequestDisclosureRequest request = ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("erin")).build();
    Disclosure first = decide(request);
    long size = ledgerSize();
    Disclosure again = decide(request);
    assertThat(again).isEqualTo(first);
    assertThat(ledgerSize()).isEqualTo(size);
  }

  @Test
  void requestDisclosure_concurrentDuplicates_allAnswerTheFirstDecision_ledgeredOnce() throws Exception {
    RequestDisclosureRequest request = ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("erin")).build();
    long size = ledgerSize();
    org.custody.platform.testkit.ConcurrentDuplicates.answerAlike(6, () -> decide(request));
    assertThat(ledgerSize()).isEqualTo(size + 1);
  }

  @Test
  void requestDisclosure_sameRequestIdForAnotherRequest_isInvalid() {
    RequestDisclosureRequest request = ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("erin")).build();
    decide(request);
    StatusRuntimeException e = failure(request.toBuilder().clearCategories().addCategories(DATA_CATEGORY_USER_CONTACT_EMAIL).build());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(ErrorDetails.of(e).reason()).isEqualTo("REQUEST_ID_REUSED");
  }

  @Test
  void requestDisclosure_unknownRecipient_isNotFound() {
    StatusRuntimeException e = failure(ask("nobody", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("alice")).build());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(ErrorDetails.of(e).reason()).isEqualTo("RECIPIENT_NOT_FOUND");
  }

  @Test
  void requestDisclosure_unknownCategory_isInvalid() {
    StatusRuntimeException e = failure(ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(), account("alice")).addCategoriesValue(999).build());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(ErrorDetails.of(e).violatedFields()).anyMatch(f -> f.startsWith("categories"));
  }

  @Test
  void requestDisclosure_forAPurposeOtherThanTheCalls_isPermissionDenied() {
    RequestDisclosureRequest request = ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("alice")).build();
    assertThatThrownBy(() -> operator(SERVICE).requestDisclosure(request)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(ErrorDetails.of(e).reason()).isEqualTo("PURPOSE_MISMATCH");
    });
  }

  @Test
  void requestDisclosure_byTheFrontEnd_isDenied() {
    RequestDisclosureRequest request = ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("alice")).build();
    assertThatThrownBy(() -> harness.stub(DisclosureServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.CONTACT).requestDisclosure(request))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void concurrentRequests_areAllDecided_andTheLedgerStaysVerifiable() throws Exception {
    long before = ledgerSize();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Disclosure>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String subject = "bulk" + i;
      futures.add(pool.submit(() -> decide(ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
          RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account(subject)).build())));
    }
    List<Long> indexes = new ArrayList<>();
    for (Future<Disclosure> f : futures) {
      indexes.add(f.get().getLedgerIndex());
    }
    pool.shutdown();
    assertThat(indexes).doesNotHaveDuplicates().allSatisfy(i -> assertThat(i).isGreaterThanOrEqualTo(before));
    var ledger = harness.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
    assertThat(ledger.verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid()).isTrue();
  }

  @Test
  void getDisclosure_returnsTheStoredDecision_andUnknownIsNotFound() {
    Disclosure d = decide(ask("sister", DisclosureBasis.DISCLOSURE_BASIS_AFFILIATE, IMPROVEMENT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("fred")).build());
    assertThat(operator(IMPROVEMENT).getDisclosure(GetDisclosureRequest.newBuilder().setName(d.getName()).build()).getDisclosure()).isEqualTo(d);
    assertThatThrownBy(() -> operator(IMPROVEMENT).getDisclosure(GetDisclosureRequest.newBuilder().setName("disclosures/none").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void reevaluate_aDecisionThatIsNotPending_isFailedPrecondition() {
    Disclosure d = decide(ask("sister", DisclosureBasis.DISCLOSURE_BASIS_AFFILIATE, IMPROVEMENT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("gina")).build());
    assertThatThrownBy(() -> operator(IMPROVEMENT).reevaluateDisclosure(ReevaluateDisclosureRequest.newBuilder().setName(d.getName()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(ErrorDetails.of(e).reason()).isEqualTo("DISCLOSURE_NOT_PENDING");
        });
  }

  @Test
  void fetchPackage_whileTheLeavesAreDown_isUnavailable_andNothingIsReleased() {
    Disclosure d = decide(ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("hugo")).build());
    long size = ledgerSize();
    assertThatThrownBy(() -> operator(CONTACT).fetchDisclosurePackage(FetchDisclosurePackageRequest.newBuilder().setName(d.getName()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
          assertThat(ErrorDetails.of(e).reason()).isEqualTo("LEAF_UNAVAILABLE");
        });
    assertThat(operator(CONTACT).getDisclosure(GetDisclosureRequest.newBuilder().setName(d.getName()).build()).getDisclosure().getReleased())
        .isFalse();
    assertThat(ledgerSize()).isEqualTo(size);
  }

  @Test
  void fetchPackage_forAnotherPurposeThanTheDecisions_isPermissionDenied() {
    Disclosure d = decide(ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("ivan")).build());
    assertThatThrownBy(() -> operator(SERVICE).fetchDisclosurePackage(FetchDisclosurePackageRequest.newBuilder().setName(d.getName()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("PURPOSE_MISMATCH"));
  }
}
