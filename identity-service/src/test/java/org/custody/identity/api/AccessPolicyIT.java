package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.platform.server.ServiceRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * P6: every method is called by every test caller for every purpose, with an empty request, and
 * the observed allow/deny matrix must equal the checked-in fixture. An allowed call gets past
 * access control (and then fails validation); a refused one is PERMISSION_DENIED with a policy
 * reason.
 */
@ExtendWith(FreshDatabase.class)
class AccessPolicyIT {
  private static final Set<String> POLICY_REASONS = Set.of("CALLER_NOT_ALLOWED", "PURPOSE_NOT_ALLOWED", "METHOD_NOT_IN_POLICY");
  private static IdentityHarness identity;
  private static ServiceHarness harness;

  @BeforeAll
  static void start(DatabaseSettings database) {
    identity = IdentityHarness.start(database, ServiceRuntime.systemClock());
    harness = identity.harness;
  }

  @AfterAll
  static void stop() {
    identity.close();
  }

  @Test
  void P6_observedAccessMatrix_equalsTheFixture() throws Exception {
    Set<String> allowed = new TreeSet<>();
    List<String> callers = List.of(TestCallers.FRONTEND, TestCallers.HELPDESK, TestCallers.OPERATOR, TestCallers.DISCLOSURE,
        TestCallers.STRANGER);
    for (ServiceDescriptor service : List.of(IdentityServiceGrpc.getServiceDescriptor(), SessionServiceGrpc.getServiceDescriptor(),
        SubjectDataServiceGrpc.getServiceDescriptor())) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        for (String caller : callers) {
          for (Purpose purpose : Purpose.values()) {
            if (isAllowed(method, caller, purpose)) {
              allowed.add(method.getFullMethodName() + " " + caller + " " + purpose.name());
            }
          }
        }
      }
    }
    assertThat(allowed).isEqualTo(fixture());
  }

  @SuppressWarnings("unchecked")
  private static boolean isAllowed(MethodDescriptor<?, ?> descriptor, String caller, Purpose purpose) throws Exception {
    MethodDescriptor<Message, Message> method = (MethodDescriptor<Message, Message>) descriptor;
    Message empty = (Message) ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller()).getMessagePrototype();
    CallOptions options = CallOptions.DEFAULT.withCallCredentials(CallerCredentials.of(TestCallers.token(caller), purpose))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
    try {
      if (method.getType() == MethodDescriptor.MethodType.CLIENT_STREAMING) {
        CompletableFuture<Message> done = new CompletableFuture<>();
        StreamObserver<Message> requests = ClientCalls.asyncClientStreamingCall(
            harness.channel().newCall(method, options), observer(done));
        requests.onNext(empty);
        requests.onCompleted();
        try {
          done.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          throw (StatusRuntimeException) e.getCause();
        }
      } else {
        ClientCalls.blockingUnaryCall(harness.channel(), method, options, empty);
      }
      return true;
    } catch (StatusRuntimeException e) {
      ErrorDetails details = ErrorDetails.of(e);
      return !(details.code() == io.grpc.Status.Code.PERMISSION_DENIED && POLICY_REASONS.contains(details.reason()));
    }
  }

  private static Set<String> fixture() throws IOException {
    Set<String> lines = new TreeSet<>();
    try (InputStream in = AccessPolicyIT.class.getResourceAsStream("/access-matrix/identity.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line.trim());
        }
      }
    }
    return lines;
  }

  private static StreamObserver<Message> observer(CompletableFuture<Message> done) {
    return new StreamObserver<>() {
      @Override
      public void onNext(Message value) {
        done.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    };
  }
}
