package org.custody.billing.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.custody.billing.testing.BillingServer;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.billing.v1.BillingKeyServiceGrpc;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every method x caller x purpose, called over the wire: the combinations the server lets through
 * must be exactly those of the reviewed fixture {@code access-matrix/billing.txt} (P6). A change
 * of the policy file shows up here as a diff someone has to accept.
 */
@ExtendWith(FreshDatabase.class)
class AccessMatrixIT {
  private static final List<String> CALLERS = List.of(TestCallers.FRONTEND, TestCallers.HELPDESK, TestCallers.OPERATOR,
      TestCallers.DISCLOSURE, TestCallers.STRANGER);
  private static final Set<String> REFUSALS = Set.of("METHOD_NOT_IN_POLICY", "CALLER_NOT_ALLOWED", "PURPOSE_NOT_ALLOWED");
  private static BillingServer server;

  @BeforeAll
  static void start(DatabaseSettings database) {
    server = BillingServer.start(database, MutableClock.at("2026-03-15T10:00:00Z"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void P6_observedAccessMatrix_isTheReviewedFixture() throws IOException {
    Set<String> allowed = new TreeSet<>();
    for (ServiceDescriptor service : List.of(BillingServiceGrpc.getServiceDescriptor(), BillingKeyServiceGrpc.getServiceDescriptor(),
        SubjectDataServiceGrpc.getServiceDescriptor())) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        for (String caller : CALLERS) {
          for (Purpose purpose : Purpose.values()) {
            if (reaches(method, caller, purpose)) {
              allowed.add(method.getFullMethodName() + " " + caller + " " + purpose);
            }
          }
        }
      }
    }
    String observed = String.join("\n", allowed) + "\n";
    Files.writeString(Path.of("target/access-matrix-billing.txt"), observed);
    assertThat(observed).as("observed matrix (fresh copy in target/access-matrix-billing.txt)").isEqualTo(fixture());
  }

  @SuppressWarnings("unchecked")
  private static boolean reaches(MethodDescriptor<?, ?> method, String caller, Purpose purpose) {
    MethodDescriptor<Message, Message> m = (MethodDescriptor<Message, Message>) method;
    Message empty = (Message) ((MethodDescriptor.PrototypeMarshaller<?>) m.getRequestMarshaller()).getMessagePrototype();
    try {
      ClientCalls.blockingUnaryCall(server.harness.channel(), m,
          CallOptions.DEFAULT.withCallCredentials(CallerCredentials.of(TestCallers.token(caller), purpose))
              .withDeadlineAfter(10, TimeUnit.SECONDS),
          empty);
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.PERMISSION_DENIED) {
        return true; // past access control: refused later for the empty request, or a state rule
      }
      assertThat(ErrorDetails.of(e).reason()).isIn(REFUSALS);
      return false;
    }
  }

  private static String fixture() throws IOException {
    try (InputStream in = AccessMatrixIT.class.getResourceAsStream("/access-matrix/billing.txt")) {
      if (in == null) {
        return "";
      }
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line.strip());
        }
      }
      return String.join("\n", lines) + "\n";
    }
  }
}
