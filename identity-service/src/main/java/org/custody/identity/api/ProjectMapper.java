package org.custody.identity.api;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.custody.identity.project.Project;

/** Domain projects to contract messages. */
final class ProjectMapper {
  private ProjectMapper() {}

  static String name(String projectId) {
    return "projects/" + projectId;
  }

  static org.custody.proto.identity.v1.Project toProto(Project project) {
    var builder = org.custody.proto.identity.v1.Project.newBuilder()
        .setName(name(project.id()))
        .setDisplayName(project.displayName())
        .setCreateTime(timestamp(project.createTime()));
    project.primaryAccountId().ifPresent(a -> builder.setPrimaryAccount(name(project.id()) + "/accounts/" + a));
    return builder.build();
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
