package org.custody.deploy.faults;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.PostalAddress;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CreateErasureRequest;
import org.custody.proto.disclosure.v1.Erasure;
import org.custody.proto.disclosure.v1.GetErasureRequest;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;

/**
 * Erasure sagas a fault test drives: subjects seeded with an identity account and a billing
 * profile, then one {@code CreateErasure} after another (each with its own request_id) from a
 * background thread, as an operator carrying out subjects' requests. It remembers which requests
 * were acknowledged (and the erasure each named) and which failed; {@link #retryUnacknowledged}
 * sends each failed one again with the same request_id, as a client following the docs would.
 */
final class ErasureLoad implements AutoCloseable {
  /** A seeded subject: their reference and their (test-only) address. */
  record Subject(SubjectRef ref, String email) {}

  /** A request for one subject's erasure, sent until acknowledged. */
  record Request(String requestId, Subject subject) {}

  private final String project;
  private final List<Subject> subjects;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ConcurrentLinkedQueue<Request> failed = new ConcurrentLinkedQueue<>();
  /** request_id → erasure name of every acknowledged request. */
  final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  /** erasure name → the subject it erases. */
  final Map<String, Subject> subjectOf = new ConcurrentHashMap<>();
  /** Erasure names in the order they were first acknowledged. */
  final List<String> names = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile MixedLoad.Target target;
  private volatile ManagedChannel disclosure;
  private Thread thread;

  private ErasureLoad(String project, List<Subject> subjects, MixedLoad.Target target) {
    this.project = project;
    this.subjects = subjects;
    target(target);
  }

  /** Creates a project site and {@code count} subjects with data in identity and billing. */
  static ErasureLoad seed(MixedLoad.Target target, int count) {
    String project = "erase-" + UUID.randomUUID().toString().substring(0, 8);
    ManagedChannel identity = ManagedChannelBuilder.forAddress("127.0.0.1", target.grpcPort("identity")).usePlaintext().build();
    ManagedChannel billing = ManagedChannelBuilder.forAddress("127.0.0.1", target.grpcPort("billing")).usePlaintext().build();
    try {
      IdentityServiceGrpc.newBlockingStub(identity).withCallCredentials(CallerCredentials.of(target.token("operator"), Purpose.SERVICE_PROVISION))
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .createProject(CreateProjectRequest.newBuilder().setProjectId(project).setDisplayName("Erasures under faults").build());
      List<Subject> subjects = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        subjects.add(seedOne(target, identity, billing, project, i));
      }
      return new ErasureLoad(project, subjects, target);
    } finally {
      identity.shutdownNow();
      billing.shutdownNow();
    }
  }

  /** Requests for the same subjects as {@code other}, through another instance (each its own request_id). */
  static ErasureLoad sameSubjects(ErasureLoad other, MixedLoad.Target target) {
    return new ErasureLoad(other.project, other.subjects, target);
  }

  List<Subject> subjects() {
    return subjects;
  }

  private static Subject seedOne(MixedLoad.Target target, ManagedChannel identity, ManagedChannel billing, String project, int i) {
    String email = project + "-" + i + "@example.com";
    String account = IdentityServiceGrpc.newBlockingStub(identity)
        .withCallCredentials(CallerCredentials.of(target.token("frontend"), Purpose.SERVICE_PROVISION))
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .createAccount(CreateAccountRequest.newBuilder().setParent("projects/" + project).setFullName("Subject Number " + (char) ('A' + i % 26))
            .setCompany("Erasure Test Ltd").setEmail(email).setPassword("correct horse battery staple")
            .setRequestId(UUID.randomUUID().toString()).build())
        .getAccount().getName();
    BillingServiceGrpc.newBlockingStub(billing).withCallCredentials(CallerCredentials.of(target.token("operator"), Purpose.BILLING))
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(account).setRequestId(UUID.randomUUID().toString())
            .setBillingProfile(BillingProfile.newBuilder().setBillingName("Subject Number " + (char) ('A' + i % 26))
                .setCompany("Erasure Test Ltd").setBillingEmail(email)
                .setAddress(PostalAddress.newBuilder().addAddressLines("1 Test Street").setLocality("Testville").setPostalCode("TE1 1ST")
                    .setRegionCode("GB")))
            .build());
    return new Subject(SubjectRef.newBuilder().setProject("projects/" + project).setAccount(account).build(), email);
  }

  /** Points the requests (and retries) at another instance or launcher. */
  synchronized void target(MixedLoad.Target next) {
    if (disclosure != null) {
      disclosure.shutdownNow();
    }
    target = next;
    disclosure = ManagedChannelBuilder.forAddress("127.0.0.1", next.grpcPort("disclosure")).usePlaintext().build();
  }

  /** Requests the erasure of every seeded subject, one after another, {@code pause} apart, until stopped. */
  void start(Duration pause) {
    thread = new Thread(() -> {
      for (Subject subject : subjects) {
        if (!running.get()) {
          return;
        }
        Request request = new Request(UUID.randomUUID().toString(), subject);
        if (!send(request)) {
          failed.add(request);
        }
        sleep(pause.toMillis());
      }
    }, "load-erasures");
    thread.setDaemon(true);
    thread.start();
  }

  /** Waits until every subject's erasure was requested once (acknowledged or not). */
  void awaitRequested() throws InterruptedException {
    thread.join(120_000);
  }

  /** Stops requesting; waits for the request in flight. */
  void stop() throws InterruptedException {
    running.set(false);
    if (thread != null) {
      thread.join(30_000);
    }
  }

  int unacknowledged() {
    return failed.size();
  }

  /** Sends every failed request again with its request_id until acknowledged; returns how long it took. */
  Duration retryUnacknowledged(Duration atMost) {
    long start = System.nanoTime();
    long deadline = start + atMost.toNanos();
    while (!failed.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failed.size() + " erasure requests still unacknowledged after " + atMost);
      }
      Request request = failed.poll();
      if (!send(request)) {
        failed.add(request);
        sleep(100);
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private boolean send(Request request) {
    try {
      String name = rights().createErasure(CreateErasureRequest.newBuilder().setSubject(request.subject().ref())
          .setRequestId(request.requestId()).build()).getErasure().getName();
      String earlier = acknowledged.putIfAbsent(request.requestId(), name);
      if (earlier != null && !earlier.equals(name)) {
        throw new AssertionError("a retried erasure request named another erasure: " + earlier + " then " + name);
      }
      if (subjectOf.put(name, request.subject()) == null) {
        names.add(name);
      }
      return true;
    } catch (StatusRuntimeException | IllegalStateException e) {
      return false;
    }
  }

  Erasure get(String name) {
    return rights().getErasure(GetErasureRequest.newBuilder().setName(name).build()).getErasure();
  }

  private SubjectRightsServiceGrpc.SubjectRightsServiceBlockingStub rights() {
    return SubjectRightsServiceGrpc.newBlockingStub(disclosure)
        .withCallCredentials(CallerCredentials.of(target.token("operator"), Purpose.SUBJECT_REQUEST))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  String project() {
    return project;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running.set(false);
    disclosure.shutdownNow();
  }
}
