package org.custody.deploy.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.ManagedChannel;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.custody.client.CustodyChannels;
import org.custody.client.CustodyCredentials;
import org.custody.client.RequestIds;
import org.custody.deploy.Suite;
import org.custody.deploy.SuiteOptions;
import org.custody.platform.testkit.TestDatabases;
import org.custody.proto.common.v1.Purpose;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CreateExportRequest;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An export crosses all four services: disclosure asks identity, billing and analytics for the
 * subject's data. It is one trace (in-memory exporter), whose spans and log lines carry no value
 * from the request's personal fields.
 */
class TraceAcrossServicesIT {
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  @TempDir
  static Path home;
  private static Suite suite;

  @BeforeAll
  static void start() {
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build());
    suite = Suite.start(SuiteOptions.forTests(home, TestDatabases.admin()));
  }

  @AfterAll
  static void stop() {
    suite.close();
    for (String service : SuiteOptions.SERVICES) {
      org.custody.platform.db.DatabaseProvisioner.drop(TestDatabases.admin(),
          org.custody.platform.db.JdbcUrls.database(suite.database(service).jdbcUrl()));
    }
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void export_isOneTraceAcrossTheFourServices_withoutPersonalDataInSpansOrLogs() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String email = "trace." + run + "@example.org";
    String fullName = "Tracy Tracewell " + run;
    String company = "Spanworks " + run;
    ManagedChannel identity = CustodyChannels.plaintext("127.0.0.1:" + suite.grpcPort("identity")).build();
    ManagedChannel disclosure = CustodyChannels.plaintext("127.0.0.1:" + suite.grpcPort("disclosure")).build();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    try {
      SubjectRef subject = newAccount(identity, "tr-" + run, fullName, company, email);
      SPANS.reset();
      logs.start();
      root.addAppender(logs);

      String document = SubjectRightsServiceGrpc.newBlockingStub(disclosure)
          .withCallCredentials(CustodyCredentials.of(suite.token("operator"), Purpose.PURPOSE_SUBJECT_REQUEST))
          .createExport(CreateExportRequest.newBuilder().setSubject(subject)
              .setRequestId(RequestIds.newId()).build())
          .getExport().getDocument();
      assertThat(document).contains(email);
    } finally {
      root.detachAppender(logs);
      identity.shutdownNow();
      disclosure.shutdownNow();
    }

    // A server span ends when its call closes, which can be just after the client has the answer.
    java.util.function.Predicate<SpanData> exportServerSpan = s -> s.getName().equals("custody.disclosure.v1.SubjectRightsService/CreateExport")
        && s.getKind() == SpanKind.SERVER;
    List<SpanData> spans = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(SPANS::getFinishedSpanItems, finished -> finished.stream().anyMatch(exportServerSpan));
    SpanData export = spans.stream().filter(exportServerSpan).findFirst().orElseThrow();
    String traceId = export.getTraceId();
    List<SpanData> trace = spans.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    Set<String> servers = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER)
        .map(s -> s.getAttributes().get(AttributeKey.stringKey("custody.service"))).collect(Collectors.toSet());
    assertThat(servers).containsExactlyInAnyOrder("disclosure", "identity", "billing", "analytics");
    assertThat(trace).filteredOn(s -> s.getKind() == SpanKind.SERVER && !s.getSpanId().equals(export.getSpanId()))
        .allSatisfy(leaf -> assertThat(trace).anySatisfy(client -> {
          assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
          assertThat(client.getSpanId()).isEqualTo(leaf.getParentSpanId());
        }));
    assertThat(export.getAttributes().get(AttributeKey.stringKey("custody.caller"))).isEqualTo("operator");
    assertThat(export.getAttributes().get(AttributeKey.stringKey("custody.purpose"))).isEqualTo("PURPOSE_SUBJECT_REQUEST");

    List<String> personal = List.of(email, fullName, company);
    assertThat(trace).allSatisfy(span -> span.getAttributes().forEach((key, value) ->
        assertThat(String.valueOf(value)).as("span %s attribute %s", span.getName(), key).doesNotContain(personal)));
    assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage() + event.getMDCPropertyMap())
        .doesNotContain(personal));
    List<ILoggingEvent> duringCalls = logs.list.stream().filter(e -> e.getThreadName().contains("-grpc-")).toList();
    assertThat(duringCalls).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("trace_id", traceId));
  }

  /** A new project and an account in it, over identity's API as the operator and the front end would. */
  private static SubjectRef newAccount(ManagedChannel identity, String projectId, String fullName, String company, String email) {
    String project = IdentityServiceGrpc.newBlockingStub(identity)
        .withCallCredentials(CustodyCredentials.of(suite.token("operator"), Purpose.PURPOSE_SERVICE_PROVISION))
        .createProject(CreateProjectRequest.newBuilder().setProjectId(projectId).setDisplayName("Trace").build())
        .getProject().getName();
    String account = IdentityServiceGrpc.newBlockingStub(identity)
        .withCallCredentials(CustodyCredentials.of(suite.token("frontend"), Purpose.PURPOSE_SERVICE_PROVISION))
        .createAccount(CreateAccountRequest.newBuilder().setParent(project).setFullName(fullName).setCompany(company)
            .setEmail(email).setPassword("Tracer-" + UUID.randomUUID() + "-beacon").build())
        .getAccount().getName();
    return SubjectRef.newBuilder().setProject(project).setAccount(account).build();
  }
}
