package org.custody.proto;

import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.List;

/**
 * Every Custody contract file, for the contract tests and the generated data map. A test checks
 * that this list names every .proto file under src/main/proto.
 */
public final class Contracts {
  private Contracts() {}

  public static List<FileDescriptor> files() {
    return List.of(
        org.custody.proto.common.v1.PurposeProto.getDescriptor(),
        org.custody.proto.common.v1.DataCategoryProto.getDescriptor(),
        org.custody.proto.common.v1.ClassificationProto.getDescriptor(),
        org.custody.proto.common.v1.SubjectProto.getDescriptor(),
        org.custody.proto.common.v1.SubjectDataProto.getDescriptor(),
        org.custody.proto.identity.v1.IdentityProto.getDescriptor(),
        org.custody.proto.billing.v1.BillingProto.getDescriptor(),
        org.custody.proto.analytics.v1.AnalyticsProto.getDescriptor(),
        org.custody.proto.disclosure.v1.RecipientProto.getDescriptor(),
        org.custody.proto.disclosure.v1.ConsentProto.getDescriptor(),
        org.custody.proto.disclosure.v1.DisclosureProto.getDescriptor(),
        org.custody.proto.disclosure.v1.LedgerProto.getDescriptor(),
        org.custody.proto.disclosure.v1.SubjectRightsProto.getDescriptor(),
        org.custody.proto.disclosure.v1.StaffAccessProto.getDescriptor(),
        org.custody.proto.disclosure.v1.PolicyProto.getDescriptor());
  }
}
