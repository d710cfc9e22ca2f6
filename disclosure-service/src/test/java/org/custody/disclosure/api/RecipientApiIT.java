package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.GetRecipientRequest;
import org.custody.proto.disclosure.v1.ListRecipientVersionsRequest;
import org.custody.proto.disclosure.v1.ListRecipientsRequest;
import org.custody.proto.disclosure.v1.ListRecipientsResponse;
import org.custody.proto.disclosure.v1.NonDisclosureAgreement;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.UpdateRecipientRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class RecipientApiIT {
  private static ServiceHarness harness;

  @BeforeAll
  static void start(DatabaseSettings database) {
    harness = ServiceHarness.of(DisclosureTestServer.start(database, ServiceRuntime.systemClock(), Map.of()));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static RecipientServiceGrpc.RecipientServiceBlockingStub operator() {
    return harness.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
  }

  private static Recipient court() {
    return Recipient.newBuilder().setDisplayName("Regional Court").setKind(RecipientKind.RECIPIENT_KIND_PUBLIC_AUTHORITY)
        .addPermittedPurposes(org.custody.proto.common.v1.Purpose.PURPOSE_LEGAL_COMPLIANCE)
        .addPermittedCategories(DataCategory.DATA_CATEGORY_USER_NAME).build();
  }

  @Test
  void createRecipient_thenGet() {
    var created = operator().createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("court").setRecipient(court()).build());
    assertThat(created.getRecipient().getVersion()).isEqualTo(1);
    var fetched = operator().getRecipient(GetRecipientRequest.newBuilder().setName("recipients/court").build());
    assertThat(fetched.getRecipient()).isEqualTo(created.getRecipient());
  }

  @Test
  void createRecipient_twice_isAlreadyExists() {
    operator().createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("twice").setRecipient(court()).build());
    assertThatThrownBy(() -> operator().createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("twice").setRecipient(court()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
          assertThat(ErrorDetails.of(e).reason()).isEqualTo("RECIPIENT_ALREADY_EXISTS");
        });
  }

  @Test
  void createRecipient_unspecifiedKind_isInvalid() {
    assertThatThrownBy(() -> operator().createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("x")
        .setRecipient(Recipient.newBuilder().setDisplayName("X")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(ErrorDetails.of(e).violatedFields()).contains("recipient.kind");
        });
  }

  @Test
  void P11_processorWithoutNda_isInvalid() {
    assertThatThrownBy(() -> operator().createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("mailer")
        .setRecipient(court().toBuilder().setKind(RecipientKind.RECIPIENT_KIND_PROCESSOR_UNDER_NDA)).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(ErrorDetails.of(e).violatedFields()).containsExactly("recipient.nda");
        });
  }

  @Test
  void P11_updateRecipient_makesVersionTwo_andListsEveryVersion() {
    Recipient processor = court().toBuilder().setKind(RecipientKind.RECIPIENT_KIND_PROCESSOR_UNDER_NDA)
        .setNda(NonDisclosureAgreement.newBuilder().setReference("NDA-1").setStartTime(Timestamp.newBuilder().setSeconds(1_700_000_000))
            .setEndTime(Timestamp.newBuilder().setSeconds(1_900_000_000)))
        .build();
    operator().createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("processor").setRecipient(processor).build());
    var updated = operator().updateRecipient(UpdateRecipientRequest.newBuilder()
        .setRecipient(processor.toBuilder().setName("recipients/processor").setDisplayName("Processor GmbH")
            .clearPermittedCategories().addPermittedCategories(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL))
        .setUpdateMask(FieldMask.newBuilder().addPaths("permitted_categories"))
        .build()).getRecipient();
    assertThat(updated.getVersion()).isEqualTo(2);
    assertThat(updated.getDisplayName()).isEqualTo("Regional Court");
    assertThat(updated.getPermittedCategoriesList()).containsExactly(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL);
    var versions = operator().listRecipientVersions(ListRecipientVersionsRequest.newBuilder().setName("recipients/processor").build());
    assertThat(versions.getVersionsList()).extracting(Recipient::getVersion).containsExactly(1L, 2L);
    assertThat(versions.getVersions(0).getPermittedCategoriesList()).containsExactly(DataCategory.DATA_CATEGORY_USER_NAME);
  }

  @Test
  void updateRecipient_kind_isRefused() {
    operator().createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("fixed-kind").setRecipient(court()).build());
    assertThatThrownBy(() -> operator().updateRecipient(UpdateRecipientRequest.newBuilder()
        .setRecipient(court().toBuilder().setName("recipients/fixed-kind"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("kind")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).violatedFields()).containsExactly("update_mask"));
  }

  @Test
  void getRecipient_unknown_isNotFound() {
    assertThatThrownBy(() -> operator().getRecipient(GetRecipientRequest.newBuilder().setName("recipients/nobody").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void listRecipients_pages() {
    for (String id : new String[] {"page-a", "page-b", "page-c"}) {
      operator().createRecipient(CreateRecipientRequest.newBuilder().setRecipientId(id).setRecipient(court()).build());
    }
    ListRecipientsResponse first = operator().listRecipients(ListRecipientsRequest.newBuilder().setPageSize(2).build());
    assertThat(first.getRecipientsCount()).isEqualTo(2);
    ListRecipientsResponse rest = operator().listRecipients(ListRecipientsRequest.newBuilder().setPageSize(1000)
        .setPageToken(first.getNextPageToken()).build());
    assertThat(rest.getRecipientsList()).extracting(Recipient::getName).doesNotContainAnyElementsOf(
        first.getRecipientsList().stream().map(Recipient::getName).toList());
  }

  @Test
  void createRecipient_byTheFrontEnd_isDenied() {
    assertThatThrownBy(() -> harness.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION)
        .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("nope").setRecipient(court()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }
}
