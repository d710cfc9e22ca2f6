package org.custody.platform.subject.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.ErasureReceipt;
import org.custody.platform.subject.Subject;
import org.custody.platform.subject.SubjectField;
import org.custody.platform.subject.SubjectRecord;
import org.custody.platform.subject.SubjectRights;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.EraseSubjectDataResponse;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectDataServiceGrpc.SubjectDataServiceBlockingStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared SubjectDataService adapter over real gRPC, in front of a fake service's port. */
@ExtendWith(FreshDatabase.class)
class SubjectDataGrpcServiceIT {
  private static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123456Z");
  private static final MutableClock clock = new MutableClock(NOW);
  private static final FakeRights rights = new FakeRights();
  private static ServiceHarness harness;

  /** Answers with one record per call and counts the erasures it carries out. */
  private static final class FakeRights implements SubjectRights {
    final List<Subject> exported = new ArrayList<>();
    final List<CategoryFilter> filters = new ArrayList<>();
    final AtomicInteger erasures = new AtomicInteger();

    @Override
    public List<SubjectRecord> export(Subject subject, CategoryFilter categories, Optional<String> disclosure) {
      exported.add(subject);
      filters.add(categories);
      return List.of(new SubjectRecord("account", subject.account(),
          List.of(new SubjectField("email", DataCategory.USER_CONTACT_EMAIL, "jane@example.com"))));
    }

    @Override
    public ErasureReceipt erase(Subject subject, Optional<String> erasure) {
      erasures.incrementAndGet();
      return new ErasureReceipt("r" + erasures.get(), erasure, NOW, List.of(new ErasureReceipt.Erased("account", 1)),
          List.of(new ErasureReceipt.Retained("invoice", 2, "tax law", NOW.plusSeconds(86_400), List.of(DataCategory.USER_FINANCIAL))));
    }
  }

  @BeforeAll
  static void start(DatabaseSettings settings) {
    CommonConfig config = new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), Optional.of(settings), Path.of("target"));
    ServiceRuntime runtime = ServiceRuntime.open("platform-subject-test", config, settings, clock);
    harness = ServiceHarness.of(runtime.serverBuilder()
        .addService(new SubjectDataGrpcService("fake", rights, runtime.idempotency(), clock))
        .start());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void reset() {
    rights.exported.clear();
    rights.filters.clear();
  }

  private static SubjectDataServiceBlockingStub stub() {
    return harness.stub(SubjectDataServiceGrpc::newBlockingStub, TestCallers.DISCLOSURE, Purpose.SUBJECT_REQUEST);
  }

  private static org.custody.proto.common.v1.SubjectRef account(String project, String account) {
    return org.custody.proto.common.v1.SubjectRef.newBuilder().setProject(project).setAccount(account).build();
  }

  @Test
  void exportSubjectData_byAccount_mapsTheServicesRecords() {
    ExportSubjectDataResponse response = stub().exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(account("projects/acme", "projects/acme/accounts/jane1"))
        .addCategories(org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL)
        .setDisclosure("disclosures/d1").build());

    assertThat(rights.exported).containsExactly(Subject.account("projects/acme/accounts/jane1"));
    assertThat(rights.filters.get(0).includes(DataCategory.USER_CONTACT_EMAIL)).isTrue();
    assertThat(rights.filters.get(0).includes(DataCategory.USER_NAME)).isFalse();
    assertThat(response.getService()).isEqualTo("fake");
    assertThat(response.getExportTime().getNanos()).isEqualTo(123_456_000);
    assertThat(response.getRecords(0).getName()).isEqualTo("projects/acme/accounts/jane1");
    assertThat(response.getRecords(0).getFields(0).getCategory())
        .isEqualTo(org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL);
    assertThat(response.getRecords(0).getFields(0).getValue()).isEqualTo("jane@example.com");
  }

  @Test
  void exportSubjectData_byEmail_passesTheAddress() {
    stub().exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(org.custody.proto.common.v1.SubjectRef.newBuilder()
        .setProject("projects/acme").setEmail("jane@example.com")).build());
    assertThat(rights.exported).containsExactly(Subject.email("projects/acme", "jane@example.com"));
    assertThat(rights.filters.get(0).isAll()).isTrue();
  }

  @Test
  void exportSubjectData_accountOfAnotherProject_isInvalid() {
    assertThatThrownBy(() -> stub().exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(account("projects/acme", "projects/other/accounts/jane1")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(ErrorDetails.of(e).violatedFields()).isNotEmpty();
        });
    assertThat(rights.exported).isEmpty();
  }

  @Test
  void eraseSubjectData_retry_returnsTheFirstReceipt_withoutErasingAgain() {
    EraseSubjectDataRequest request = EraseSubjectDataRequest.newBuilder()
        .setSubject(account("projects/acme", "projects/acme/accounts/jane2"))
        .setRequestId(UUID.randomUUID().toString()).setErasure("erasures/e1").build();
    int before = rights.erasures.get();

    EraseSubjectDataResponse first = stub().eraseSubjectData(request);
    EraseSubjectDataResponse retried = stub().eraseSubjectData(request);

    assertThat(retried).isEqualTo(first);
    assertThat(rights.erasures.get()).isEqualTo(before + 1);
    var receipt = first.getReceipt();
    assertThat(receipt.getService()).isEqualTo("fake");
    assertThat(receipt.getErasure()).isEqualTo("erasures/e1");
    assertThat(receipt.getErased(0).getKind()).isEqualTo("account");
    assertThat(receipt.getRetained(0).getLegalBasis()).isEqualTo("tax law");
    assertThat(receipt.getRetained(0).getCategoriesList())
        .containsExactly(org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_FINANCIAL);
  }
}
