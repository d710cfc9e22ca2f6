package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.Optional;
import org.custody.disclosure.app.DisclosureApplication;
import org.custody.disclosure.app.DisclosureConfig;
import org.custody.platform.access.Purpose;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.GetRecipientRequest;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class RecipientApiIT {
  private static ServiceHarness harness;

  @BeforeAll
  static void start(DatabaseSettings database) {
    DisclosureConfig config = new DisclosureConfig(new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), Optional.of(database), Path.of("target")));
    harness = ServiceHarness.of(DisclosureApplication.start(config, database, ServiceRuntime.systemClock()));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static RecipientServiceGrpc.RecipientServiceBlockingStub operator() {
    return harness.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
  }

  @Test
  void createRecipient_thenGet() {
    Recipient authority = Recipient.newBuilder().setDisplayName("Regional Court").setKind(RecipientKind.RECIPIENT_KIND_PUBLIC_AUTHORITY)
        .addPermittedPurposes(org.custody.proto.common.v1.Purpose.PURPOSE_LEGAL_COMPLIANCE)
        .addPermittedCategories(DataCategory.DATA_CATEGORY_USER_NAME).build();
    var created = operator().createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("court").setRecipient(authority).build());
    assertThat(created.getRecipient().getVersion()).isEqualTo(1);
    var fetched = operator().getRecipient(GetRecipientRequest.newBuilder().setName("recipients/court").build());
    assertThat(fetched.getRecipient()).isEqualTo(created.getRecipient());
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
}
