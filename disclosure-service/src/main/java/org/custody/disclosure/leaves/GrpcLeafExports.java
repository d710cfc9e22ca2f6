package org.custody.disclosure.leaves;

import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.custody.disclosure.release.ExportField;
import org.custody.disclosure.release.ExportRecord;
import org.custody.disclosure.release.LeafExport;
import org.custody.disclosure.release.LeafExports;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.Subject;
import org.custody.platform.subject.api.SubjectDataMapper;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectField;
import org.custody.proto.common.v1.SubjectRecord;

/** ExportSubjectData on every leaf, for the disclosure's purpose, naming the disclosure. */
public final class GrpcLeafExports implements LeafExports {
  private final LeafChannels channels;
  private final Clock clock;

  public GrpcLeafExports(LeafChannels channels, Clock clock) {
    this.channels = channels;
    this.clock = clock;
  }

  @Override
  public List<LeafExport> export(Subject subject, Set<DataCategory> categories, String disclosureName, Purpose purpose) {
    ExportSubjectDataRequest.Builder request = ExportSubjectDataRequest.newBuilder()
        .setSubject(SubjectDataMapper.toProto(subject))
        .setDisclosure(disclosureName);
    categories.stream().sorted().forEach(c -> request.addCategories(c.toProto()));
    List<LeafExport> exports = new ArrayList<>();
    for (LeafChannels.Leaf leaf : channels.subjectDataLeaves()) {
      ExportSubjectDataResponse response;
      try {
        response = SubjectDataServiceGrpc.newBlockingStub(leaf.channel())
            .withCallCredentials(channels.clients().credentials(purpose))
            .withDeadlineAfter(channels.targets().callTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .exportSubjectData(request.build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
          // The leaf holds nothing about this subject.
          exports.add(new LeafExport(leaf.service(), List.of(), clock.instant()));
          continue;
        }
        throw LeafCalls.failure(leaf.service(), e);
      }
      exports.add(toDomain(leaf.service(), response));
    }
    return exports;
  }

  private static LeafExport toDomain(String service, ExportSubjectDataResponse response) {
    List<ExportRecord> records = new ArrayList<>();
    for (SubjectRecord r : response.getRecordsList()) {
      List<ExportField> fields = new ArrayList<>();
      for (SubjectField f : r.getFieldsList()) {
        // A value without a known category cannot be shown to be allowed: leave it out.
        Optional<DataCategory> category = DataCategory.parse(f.getCategory().name());
        category.ifPresent(c -> fields.add(new ExportField(f.getName(), c, f.getValue())));
      }
      records.add(new ExportRecord(r.getKind(), r.getName(), fields));
    }
    Instant time = response.hasExportTime()
        ? Instant.ofEpochSecond(response.getExportTime().getSeconds(), response.getExportTime().getNanos()) : Instant.EPOCH;
    return new LeafExport(response.getService().isEmpty() ? service : response.getService(), records, time);
  }
}
