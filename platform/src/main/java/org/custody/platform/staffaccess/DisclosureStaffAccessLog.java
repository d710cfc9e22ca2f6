package org.custody.platform.staffaccess;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.custody.platform.access.ClientChannels;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.RecordStaffAccessRequest;
import org.custody.proto.disclosure.v1.StaffAccessServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leaf's staff access log: disclosure's {@code StaffAccessService/RecordStaffAccess}, called
 * as this service for LEGAL_COMPLIANCE (the accountability the record serves). Whatever stops
 * the record (disclosure down, slow, refusing) refuses the read: UNAVAILABLE,
 * {@link StaffAccessLog#UNRECORDED}.
 */
public final class DisclosureStaffAccessLog implements StaffAccessLog, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DisclosureStaffAccessLog.class);
  private final ManagedChannel channel;
  private final ClientChannels clients;
  private final StaffAccessSettings settings;

  public DisclosureStaffAccessLog(StaffAccessSettings settings, ClientChannels clients) {
    this.settings = settings;
    this.clients = clients;
    this.channel = clients.open(settings.disclosureTarget());
  }

  @Override
  public void record(StaffAccess access) {
    RecordStaffAccessRequest.Builder request = RecordStaffAccessRequest.newBuilder()
        .setSubject(subject(access))
        .setStaffCaller(access.caller())
        .setMethod(access.method())
        .setPurpose(access.purpose().toProto());
    access.categories().stream().sorted().map(DataCategory::toProto).forEach(request::addCategories);
    try {
      StaffAccessServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(clients.credentials(Purpose.LEGAL_COMPLIANCE))
          .withDeadlineAfter(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .recordStaffAccess(request.build());
    } catch (StatusRuntimeException e) {
      // The code only: a description could quote the request.
      log.warn("staff access not recorded; read refused method={} code={}", access.method(), e.getStatus().getCode());
      throw DomainException.of(ErrorKind.UNAVAILABLE, UNRECORDED,
          "this staff read must be recorded in the disclosure ledger first, and that is not possible now; retry later");
    }
  }

  private static SubjectRef subject(StaffAccess access) {
    SubjectRef.Builder subject = SubjectRef.newBuilder().setProject(access.project());
    access.account().ifPresent(subject::setAccount);
    access.email().ifPresent(subject::setEmail);
    return subject.build();
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
