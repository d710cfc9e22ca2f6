package org.custody.billing.api;

import org.custody.billing.crypto.KekState;
import org.custody.billing.keys.KeyVersions;
import org.custody.billing.keys.RewrapJob;
import org.custody.platform.api.ProtoTimes;
import org.custody.proto.billing.v1.KeyVersion;
import org.custody.proto.billing.v1.KeyVersionState;
import org.custody.proto.billing.v1.RewrapJobState;

/** Key versions and rewrap jobs as the contract shows them: never key material. */
final class KeyMapper {
  private KeyMapper() {}

  static KeyVersion toProto(KeyVersions.Status status) {
    return KeyVersion.newBuilder()
        .setName(Names.keyVersionName(status.version().version()))
        .setPrimary(status.version().primary())
        .setState(state(status.version().state()))
        .setWrappedKeyCount(status.wrappedKeys())
        .setCreateTime(ProtoTimes.timestamp(status.version().createTime()))
        .build();
  }

  static org.custody.proto.billing.v1.RewrapJob toProto(RewrapJob job) {
    org.custody.proto.billing.v1.RewrapJob.Builder b = org.custody.proto.billing.v1.RewrapJob.newBuilder()
        .setName(Names.rewrapJobName(job.id()))
        .setTargetKeyVersion(Names.keyVersionName(job.targetVersion()))
        .setState(RewrapJobState.valueOf("REWRAP_JOB_STATE_" + job.state().name()))
        .setTotalKeys(job.totalKeys())
        .setRewrappedKeys(job.rewrappedKeys())
        .setStartTime(ProtoTimes.timestamp(job.startTime()));
    job.finishTime().ifPresent(t -> b.setFinishTime(ProtoTimes.timestamp(t)));
    return b.build();
  }

  private static KeyVersionState state(KekState state) {
    return KeyVersionState.valueOf("KEY_VERSION_STATE_" + state.name());
  }
}
