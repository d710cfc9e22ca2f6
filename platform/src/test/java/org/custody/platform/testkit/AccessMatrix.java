package org.custody.platform.testkit;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;

/**
 * The access matrix a running server enforces (P6), observed over the wire: every method of the
 * given services is called with an empty request by every test caller for every purpose, and a
 * combination counts as allowed unless access control refused it. Compared with a reviewed
 * fixture ({@code access-matrix/<service>.txt}: lines {@code <full method> <caller> <PURPOSE>}),
 * a change of the policy file shows up as a diff someone has to accept.
 */
public final class AccessMatrix {
  private static final List<String> CALLERS = List.of(TestCallers.FRONTEND, TestCallers.HELPDESK, TestCallers.OPERATOR,
      TestCallers.DISCLOSURE, TestCallers.STRANGER);
  private static final Set<String> POLICY_REASONS = Set.of("CALLER_NOT_ALLOWED", "PURPOSE_NOT_ALLOWED", "METHOD_NOT_IN_POLICY");

  private AccessMatrix() {}

  /** The sorted lines {@code <full method> <caller> <PURPOSE>} the server lets past access control. */
  public static Set<String> observe(Channel channel, List<ServiceDescriptor> services) {
    Set<String> allowed = new TreeSet<>();
    for (ServiceDescriptor service : services) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        for (String caller : CALLERS) {
          for (Purpose purpose : Purpose.values()) {
            if (passes(channel, method, caller, purpose)) {
              allowed.add(method.getFullMethodName() + " " + caller + " " + purpose.name());
            }
          }
        }
      }
    }
    return allowed;
  }

  /** The reviewed fixture: the non-blank, non-comment lines of a classpath resource. */
  public static Set<String> fixture(String resource) {
    Set<String> lines = new TreeSet<>();
    try (InputStream in = AccessMatrix.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  @SuppressWarnings("unchecked")
  private static boolean passes(Channel channel, MethodDescriptor<?, ?> descriptor, String caller, Purpose purpose) {
    MethodDescriptor<Message, Message> method = (MethodDescriptor<Message, Message>) descriptor;
    Message empty = (Message) ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller()).getMessagePrototype();
    CallOptions options = CallOptions.DEFAULT.withCallCredentials(CallerCredentials.of(TestCallers.token(caller), purpose))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
    try {
      switch (method.getType()) {
        case UNARY -> ClientCalls.blockingUnaryCall(channel, method, options, empty);
        case SERVER_STREAMING -> {
          Iterator<Message> replies = ClientCalls.blockingServerStreamingCall(channel, method, options, empty);
          replies.forEachRemaining(reply -> { });
        }
        default -> streamOne(channel, method, options, empty);
      }
      return true;
    } catch (StatusRuntimeException e) {
      ErrorDetails details = ErrorDetails.of(e);
      // Anything else is past access control: refused later for the empty request, or by a rule.
      return !(details.code() == Status.Code.PERMISSION_DENIED && POLICY_REASONS.contains(details.reason()));
    }
  }

  private static void streamOne(Channel channel, MethodDescriptor<Message, Message> method, CallOptions options, Message empty) {
    CompletableFuture<Message> done = new CompletableFuture<>();
    StreamObserver<Message> replies = SingleReply.into(done);
    StreamObserver<Message> requests = method.getType() == MethodDescriptor.MethodType.CLIENT_STREAMING
        ? ClientCalls.asyncClientStreamingCall(channel.newCall(method, options), replies)
        : ClientCalls.asyncBidiStreamingCall(channel.newCall(method, options), replies);
    requests.onNext(empty);
    requests.onCompleted();
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException status) {
        throw status;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from " + method.getFullMethodName(), e);
    }
  }
}
