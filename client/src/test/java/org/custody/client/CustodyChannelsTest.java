package org.custody.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.custody.proto.common.v1.Purpose;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.CreateProjectResponse;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.Project;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a real gRPC server on a free port, answering as a Custody service would. */
class CustodyChannelsTest {
  private final List<CreateProjectRequest> received = new CopyOnWriteArrayList<>();
  private final List<Metadata> headers = new CopyOnWriteArrayList<>();
  private final List<Long> deadlineMillis = new CopyOnWriteArrayList<>();
  private Server server;
  private ManagedChannel channel;
  private Duration policyTimeout = Duration.ofSeconds(10);
  private Duration answerDelay = Duration.ZERO;

  @AfterEach
  void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (server != null) {
      server.shutdownNow();
    }
  }

  @Test
  void retryPolicy_retriesUnavailableResendingTheSameRequestIdAndCredentials() throws Exception {
    IdentityServiceGrpc.IdentityServiceBlockingStub stub = start(attempt -> attempt < 3
        ? Status.UNAVAILABLE.withDescription("database unreachable").asRuntimeException() : null);
    String requestId = RequestIds.newId();

    CreateProjectResponse response = stub.createProject(
        CreateProjectRequest.newBuilder().setProjectId("acme").setDisplayName("Acme").setRequestId(requestId).build());

    assertThat(response.getProject().getName()).isEqualTo("projects/acme");
    assertThat(received).hasSize(3).allSatisfy(r -> assertThat(r.getRequestId()).isEqualTo(requestId));
    assertThat(headers).hasSize(3).allSatisfy(h -> {
      assertThat(h.get(CustodyCredentials.AUTHORIZATION)).isEqualTo("Bearer caller-token-0123456789");
      assertThat(h.get(CustodyCredentials.PURPOSE)).isEqualTo("PURPOSE_SERVICE_PROVISION");
    });
  }

  @Test
  void retryPolicy_neverRetriesARefusal() throws Exception {
    IdentityServiceGrpc.IdentityServiceBlockingStub stub = start(attempt -> Status.PERMISSION_DENIED.asRuntimeException());

    assertThatThrownBy(() -> stub.createProject(CreateProjectRequest.newBuilder().setProjectId("acme").build()))
        .isInstanceOf(StatusRuntimeException.class);
    assertThat(received).hasSize(1);
  }

  @Test
  void policyTimeout_isTheDeadlineOfACallThatSetsNone() throws Exception {
    IdentityServiceGrpc.IdentityServiceBlockingStub stub = start(attempt -> null);

    stub.createProject(CreateProjectRequest.newBuilder().setProjectId("acme").build());

    assertThat(deadlineMillis).singleElement().satisfies(ms -> assertThat(ms).isBetween(1L, 10_000L));
  }

  @Test
  void policyTimeout_doesNotCapALongerDeadlineTheCallSets() throws Exception {
    policyTimeout = Duration.ofMillis(300);
    answerDelay = Duration.ofMillis(1_000);
    IdentityServiceGrpc.IdentityServiceBlockingStub stub = start(attempt -> null);

    assertThatThrownBy(() -> stub.createProject(CreateProjectRequest.newBuilder().setProjectId("acme").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    CreateProjectResponse answered = stub.withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
        .createProject(CreateProjectRequest.newBuilder().setProjectId("acme").build());

    assertThat(answered.getProject().getName()).isEqualTo("projects/acme");
    assertThat(deadlineMillis.get(deadlineMillis.size() - 1)).as("the deadline the answered call carried").isGreaterThan(10_000L);
  }

  @Test
  void from_decodesErrorInfoFieldViolationsAndRetryDelay() throws Exception {
    com.google.rpc.Status details = com.google.rpc.Status.newBuilder()
        .setCode(Status.Code.INVALID_ARGUMENT.value()).setMessage("invalid request")
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("INVALID_FIELD").setDomain("identity.custody").build()))
        .addDetails(Any.pack(BadRequest.newBuilder()
            .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("project_id").setDescription("must match ^[a-z]"))
            .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("display_name").setDescription("required"))
            .build()))
        .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(2)).build()))
        .build();
    IdentityServiceGrpc.IdentityServiceBlockingStub stub = start(attempt -> StatusProto.toStatusRuntimeException(details));

    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
        () -> stub.createProject(CreateProjectRequest.newBuilder().setProjectId("Not Valid").build()));
    CustodyError error = CustodyError.from(failure);

    assertThat(error.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(error.reason()).isEqualTo("INVALID_FIELD");
    assertThat(error.domain()).isEqualTo("identity.custody");
    assertThat(error.invalidFields()).containsExactly("project_id", "display_name");
    assertThat(error.retryDelay()).contains(Duration.ofSeconds(2));
  }

  @Test
  void from_failureWithoutDetails_hasTheCodeOnly() {
    CustodyError error = CustodyError.from(Status.DEADLINE_EXCEEDED.asRuntimeException());

    assertThat(error.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(error.reason()).isEmpty();
    assertThat(error.fieldViolations()).isEmpty();
  }

  /** Starts the server; {@code failure} maps the attempt number (1-based) to an error, or null to answer. */
  private IdentityServiceGrpc.IdentityServiceBlockingStub start(Function<Integer, StatusRuntimeException> failure) throws Exception {
    IdentityServiceGrpc.IdentityServiceImplBase service = new IdentityServiceGrpc.IdentityServiceImplBase() {
      @Override
      public void createProject(CreateProjectRequest request, StreamObserver<CreateProjectResponse> responses) {
        received.add(request);
        io.grpc.Deadline deadline = io.grpc.Context.current().getDeadline();
        deadlineMillis.add(deadline == null ? -1L : deadline.timeRemaining(java.util.concurrent.TimeUnit.MILLISECONDS));
        try {
          Thread.sleep(answerDelay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        StatusRuntimeException error = failure.apply(received.size());
        if (error != null) {
          responses.onError(error);
          return;
        }
        responses.onNext(CreateProjectResponse.newBuilder()
            .setProject(Project.newBuilder().setName("projects/" + request.getProjectId())).build());
        responses.onCompleted();
      }
    };
    ServerInterceptor recordHeaders = new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata metadata, ServerCallHandler<Q, A> next) {
        headers.add(metadata);
        return next.startCall(call, metadata);
      }
    };
    server = NettyServerBuilder.forPort(0).addService(ServerInterceptors.intercept(service, recordHeaders)).build().start();
    channel = CustodyChannels.plaintext("127.0.0.1:" + server.getPort())
        .retryPolicy(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), 2.0, policyTimeout))
        .build();
    return IdentityServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(CustodyCredentials.of("caller-token-0123456789", Purpose.PURPOSE_SERVICE_PROVISION));
  }
}
