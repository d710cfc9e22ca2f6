package org.custody.platform.testkit;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.custody.proto.disclosure.v1.RecordStaffAccessRequest;
import org.custody.proto.disclosure.v1.RecordStaffAccessResponse;
import org.custody.proto.disclosure.v1.StaffAccessServiceGrpc;

/**
 * Disclosure's staff access log for a leaf's own tests: a real gRPC server on a free port
 * answering {@code StaffAccessService/RecordStaffAccess} and keeping what it was sent (the
 * suite-level tests in {@code disclosure} and {@code deploy} use the real disclosure service).
 * Closing it makes disclosure unreachable, to show that staff reads then fail closed.
 */
public final class TestStaffAccess implements AutoCloseable {
  private static TestStaffAccess shared;
  private final List<RecordStaffAccessRequest> recorded = new CopyOnWriteArrayList<>();
  private final Server server;

  private TestStaffAccess() {
    try {
      server = NettyServerBuilder.forPort(0).addService(new StaffAccessServiceGrpc.StaffAccessServiceImplBase() {
        @Override
        public void recordStaffAccess(RecordStaffAccessRequest request, StreamObserver<RecordStaffAccessResponse> response) {
          recorded.add(request);
          response.onNext(RecordStaffAccessResponse.newBuilder().setLedgerIndex(recorded.size() - 1).build());
          response.onCompleted();
        }
      }).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TestStaffAccess start() {
    return new TestStaffAccess();
  }

  /** One log for every test server of this JVM that does not look at its records. */
  public static synchronized TestStaffAccess shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** Where a leaf records staff reads: CUSTODY_DISCLOSURE_TARGET. */
  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Every record received, in order. */
  public List<RecordStaffAccessRequest> recorded() {
    return List.copyOf(recorded);
  }

  /** Stops answering: the leaf then sees disclosure as unreachable. */
  @Override
  public void close() {
    server.shutdownNow();
  }
}
