package org.custody.platform.subject.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.api.AccountName;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.ErasureReceipt;
import org.custody.platform.subject.Subject;
import org.custody.platform.subject.SubjectRecord;
import org.custody.proto.common.v1.ErasedItem;
import org.custody.proto.common.v1.RetainedItem;
import org.custody.proto.common.v1.SubjectField;
import org.custody.proto.common.v1.SubjectRef;

/** The subject-rights contract's messages to and from the platform's subject records. */
public final class SubjectDataMapper {
  static final String PROJECT = "projects/{project}";

  private SubjectDataMapper() {}

  /**
   * The subject a request names. The account must belong to the project (the contract's rule,
   * checked again here so the domain never sees a reference that crosses projects).
   */
  public static Subject subject(SubjectRef ref) {
    String projectId = ResourceNames.id("subject.project", ref.getProject(), PROJECT);
    switch (ref.getIdentifierCase()) {
      case ACCOUNT -> {
        AccountName account = AccountName.parse("subject.account", ref.getAccount());
        if (!account.projectId().equals(projectId)) {
          throw DomainException.invalidField("subject.account", "must belong to project");
        }
        return Subject.account(account);
      }
      case EMAIL -> {
        return Subject.email(ref.getProject(), ref.getEmail());
      }
      default -> throw DomainException.invalidField("subject", "must name an account or an e-mail address");
    }
  }

  /** The subject as the contract names it (the leaves' requests, the orchestrator's answers). */
  public static SubjectRef toProto(Subject subject) {
    SubjectRef.Builder ref = SubjectRef.newBuilder().setProject(subject.project());
    subject.account().ifPresent(ref::setAccount);
    subject.email().ifPresent(ref::setEmail);
    return ref.build();
  }

  public static CategoryFilter categories(List<org.custody.proto.common.v1.DataCategory> categories) {
    Set<DataCategory> requested = EnumSet.noneOf(DataCategory.class);
    categories.forEach(c -> requested.add(DataCategory.fromProto(c)));
    return CategoryFilter.of(requested);
  }

  /** An optional resource-name field: the empty string means absent. */
  public static Optional<String> optional(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  public static org.custody.proto.common.v1.SubjectRecord toProto(SubjectRecord record) {
    var b = org.custody.proto.common.v1.SubjectRecord.newBuilder().setKind(record.kind());
    record.name().ifPresent(b::setName);
    record.fields().forEach(f -> b.addFields(SubjectField.newBuilder()
        .setName(f.name()).setCategory(f.category().toProto()).setValue(f.value())));
    return b.build();
  }

  public static org.custody.proto.common.v1.ErasureReceipt toProto(String service, ErasureReceipt receipt) {
    var b = org.custody.proto.common.v1.ErasureReceipt.newBuilder()
        .setService(service)
        .setReceiptId(receipt.id())
        .setErasure(receipt.erasure().orElse(""))
        .setEraseTime(ProtoTimes.timestamp(receipt.eraseTime()));
    receipt.erased().forEach(e -> b.addErased(ErasedItem.newBuilder().setKind(e.kind()).setCount(e.count())));
    receipt.retained().forEach(r -> {
      RetainedItem.Builder item = RetainedItem.newBuilder().setKind(r.kind()).setCount(r.count()).setLegalBasis(r.legalBasis())
          .setPurgeTime(ProtoTimes.timestamp(r.purgeTime()));
      r.categories().forEach(c -> item.addCategories(c.toProto()));
      b.addRetained(item);
    });
    return b.build();
  }
}
