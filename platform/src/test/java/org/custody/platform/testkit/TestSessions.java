package org.custody.platform.testkit;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.SubjectBinding;
import org.custody.platform.session.SessionHeader;
import org.custody.platform.session.SubjectBindingInterceptor;
import org.custody.proto.identity.v1.Principal;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.custody.proto.identity.v1.ValidateSessionRequest;
import org.custody.proto.identity.v1.ValidateSessionResponse;

/**
 * Identity's session check for a leaf's own tests: a real gRPC server on a free port answering
 * {@code SessionService/ValidateSession} for sessions the test issued (the suite-level tests in
 * {@code deploy} use the real identity service). It can revoke a session, count the checks it
 * answered, and stop, to show what a leaf does while identity is unreachable.
 */
public final class TestSessions implements AutoCloseable {
  private static final Pattern ACCOUNT = Pattern.compile("^(projects/[^/]+/accounts/[^/]+)(/.*)?$");
  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> accounts = new ConcurrentHashMap<>();
  private final Map<String, String> signedIn = new ConcurrentHashMap<>();
  private final AtomicInteger checks = new AtomicInteger();
  private final Server server;

  private TestSessions() {
    try {
      server = NettyServerBuilder.forPort(0).addService(new SessionServiceGrpc.SessionServiceImplBase() {
        @Override
        public void validateSession(ValidateSessionRequest request, StreamObserver<ValidateSessionResponse> response) {
          checks.incrementAndGet();
          String account = accounts.get(request.getSessionToken());
          if (account == null) {
            response.onError(Status.UNAUTHENTICATED.withDescription("no such session").asRuntimeException());
            return;
          }
          response.onNext(ValidateSessionResponse.newBuilder().setPrincipal(Principal.newBuilder().setAccount(account)
              .setProject(account.substring(0, account.indexOf("/accounts/")))
              .setAuthenticateTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000))).build());
          response.onCompleted();
        }
      }).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TestSessions start() {
    return new TestSessions();
  }

  /** Where a leaf finds this "identity": CUSTODY_IDENTITY_TARGET. */
  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  /** A new live session of {@code account}. */
  public String issue(String account) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "test-session-" + HexFormat.of().formatHex(bytes);
    accounts.put(token, account);
    return token;
  }

  public void revoke(String token) {
    accounts.remove(token);
  }

  /** How many ValidateSession calls were answered. */
  public int checks() {
    return checks.get();
  }

  /**
   * A client interceptor acting as the front end for whoever a request names: it sends, in
   * {@code x-custody-session}, a session of the account the request's subject field (per
   * {@code policy}) names. Tests of a service's own behaviour use it so that they keep calling as
   * "frontend" without each minting sessions; the binding itself is tested with explicit headers.
   */
  public ClientInterceptor signedInAsSubject(AccessPolicy policy) {
    return new ClientInterceptor() {
      @Override
      public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method, CallOptions options, Channel next) {
        Optional<String> field = policy.subjectBinding(method.getFullMethodName()).flatMap(SubjectBinding::field);
        return new DeferredStartCall<>(next.newCall(method, options), (message, headers) -> field
            .map(f -> ACCOUNT.matcher(SubjectBindingInterceptor.stringAt((Message) message, f)))
            .filter(Matcher::matches)
            .ifPresent(m -> headers.put(SessionHeader.KEY, signedIn.computeIfAbsent(m.group(1), this::issueFor))));
      }

      private String issueFor(String account) {
        return issue(account);
      }
    };
  }

  /** A stub that sends {@code token} as the session of every call. */
  public static <S extends io.grpc.stub.AbstractStub<S>> S withSession(S stub, String token) {
    Metadata headers = new Metadata();
    headers.put(SessionHeader.KEY, token);
    return stub.withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** Stops answering: the leaf then sees identity as unreachable. */
  @Override
  public void close() {
    server.shutdownNow();
  }

  /** Starts the real call only when the first message is known, so headers can depend on it. */
  private static final class DeferredStartCall<ReqT, RespT> extends ClientCall<ReqT, RespT> {
    interface HeaderFiller {
      void fill(Object message, Metadata headers);
    }

    private final ClientCall<ReqT, RespT> delegate;
    private final HeaderFiller filler;
    private Listener<RespT> listener;
    private Metadata headers;
    private int requested;
    private boolean started;

    DeferredStartCall(ClientCall<ReqT, RespT> delegate, HeaderFiller filler) {
      this.delegate = delegate;
      this.filler = filler;
    }

    @Override
    public void start(Listener<RespT> listener, Metadata headers) {
      this.listener = listener;
      this.headers = headers;
    }

    private void startNow(ReqT first) {
      if (started) {
        return;
      }
      started = true;
      if (first != null) {
        filler.fill(first, headers);
      }
      delegate.start(listener, headers);
      if (requested > 0) {
        delegate.request(requested);
      }
    }

    @Override
    public void request(int numMessages) {
      if (started) {
        delegate.request(numMessages);
      } else {
        requested += numMessages;
      }
    }

    @Override
    public void cancel(String message, Throwable cause) {
      startNow(null);
      delegate.cancel(message, cause);
    }

    @Override
    public void halfClose() {
      startNow(null);
      delegate.halfClose();
    }

    @Override
    public void sendMessage(ReqT message) {
      startNow(message);
      delegate.sendMessage(message);
    }

    @Override
    public boolean isReady() {
      return started && delegate.isReady();
    }
  }
}
