package org.custody.identity.api;

import org.custody.identity.account.Account;
import org.custody.identity.account.AccountState;
import org.custody.identity.contact.Contact;
import org.custody.identity.contact.ContactSighting;
import org.custody.identity.contact.ContactSource;
import org.custody.identity.project.PrimaryAccountHolder;
import org.custody.identity.project.Project;
import org.custody.platform.api.ProtoTimes;

/** Domain projects, accounts and contacts to contract messages and back. */
final class IdentityMapper {
  private IdentityMapper() {}

  static org.custody.proto.identity.v1.Project project(Project project) {
    var builder = org.custody.proto.identity.v1.Project.newBuilder()
        .setName(Names.project(project.id()))
        .setDisplayName(project.displayName())
        .setCreateTime(ProtoTimes.timestamp(project.createTime()));
    project.primaryAccountId().ifPresent(a -> builder.setPrimaryAccount(Names.account(project.id(), a)));
    return builder.build();
  }

  static org.custody.proto.identity.v1.PrimaryAccountHolder holder(PrimaryAccountHolder holder) {
    return org.custody.proto.identity.v1.PrimaryAccountHolder.newBuilder()
        .setProject(Names.project(holder.projectId()))
        .setAccount(Names.account(holder.projectId(), holder.accountId()))
        .setFullName(holder.fullName())
        .setEmail(holder.email())
        .build();
  }

  static org.custody.proto.identity.v1.Account account(Account account) {
    var builder = org.custody.proto.identity.v1.Account.newBuilder();
    account.emailVerifyTime().ifPresent(t -> builder.setEmailVerifyTime(ProtoTimes.timestamp(t)));
    return builder
        .setName(Names.account(account.projectId(), account.id()))
        .setFullName(account.fullName())
        .setCompany(account.company())
        .setEmail(account.email())
        .setState(account.state() == AccountState.ACTIVE
            ? org.custody.proto.identity.v1.AccountState.ACCOUNT_STATE_ACTIVE
            : org.custody.proto.identity.v1.AccountState.ACCOUNT_STATE_DISABLED)
        .setCreateTime(ProtoTimes.timestamp(account.createTime()))
        .setUpdateTime(ProtoTimes.timestamp(account.updateTime()))
        .setEmailVerified(account.emailVerified())
        .build();
  }

  static org.custody.proto.identity.v1.Contact contact(Contact contact) {
    var builder = org.custody.proto.identity.v1.Contact.newBuilder()
        .setName(Names.contact(contact.projectId(), contact.id()))
        .setEmail(contact.email())
        .setFirstSeenTime(ProtoTimes.timestamp(contact.firstSeenTime()))
        .setLastSeenTime(ProtoTimes.timestamp(contact.lastSeenTime()));
    for (ContactSighting sighting : contact.sightings()) {
      builder.addSightings(org.custody.proto.identity.v1.ContactSighting.newBuilder()
          .setSource(source(sighting.source()))
          .setFirstSeenTime(ProtoTimes.timestamp(sighting.firstSeenTime()))
          .setLastSeenTime(ProtoTimes.timestamp(sighting.lastSeenTime())));
    }
    return builder.build();
  }

  static org.custody.proto.identity.v1.ContactSource source(ContactSource source) {
    return switch (source) {
      case EMAIL -> org.custody.proto.identity.v1.ContactSource.CONTACT_SOURCE_EMAIL;
      case ACCOUNT -> org.custody.proto.identity.v1.ContactSource.CONTACT_SOURCE_ACCOUNT;
      case TOPIC -> org.custody.proto.identity.v1.ContactSource.CONTACT_SOURCE_TOPIC;
    };
  }

  static ContactSource source(org.custody.proto.identity.v1.ContactSource source) {
    return switch (source) {
      case CONTACT_SOURCE_EMAIL -> ContactSource.EMAIL;
      case CONTACT_SOURCE_ACCOUNT -> ContactSource.ACCOUNT;
      case CONTACT_SOURCE_TOPIC -> ContactSource.TOPIC;
      default -> throw org.custody.platform.errors.DomainException.invalidField("source", "must be a defined source");
    };
  }
}
