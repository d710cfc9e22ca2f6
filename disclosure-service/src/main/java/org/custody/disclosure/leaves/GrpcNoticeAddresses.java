package org.custody.disclosure.leaves;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.custody.disclosure.decision.Scope;
import org.custody.disclosure.policy.HolderDirectory;
import org.custody.disclosure.transfer.Addressee;
import org.custody.disclosure.transfer.NoticeAddresses;
import org.custody.platform.access.Purpose;
import org.custody.platform.subject.EmailAddress;
import org.custody.platform.subject.Subject;
import org.custody.proto.identity.v1.Account;
import org.custody.proto.identity.v1.Contact;
import org.custody.proto.identity.v1.GetAccountRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.ListAccountsRequest;
import org.custody.proto.identity.v1.ListAccountsResponse;
import org.custody.proto.identity.v1.ListContactsRequest;
import org.custody.proto.identity.v1.ListContactsResponse;
import org.custody.proto.identity.v1.ListProjectsRequest;
import org.custody.proto.identity.v1.ListProjectsResponse;
import org.custody.proto.identity.v1.ListPrimaryAccountHoldersRequest;
import org.custody.proto.identity.v1.ListPrimaryAccountHoldersResponse;
import org.custody.proto.identity.v1.PrimaryAccountHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The addresses of the subjects a corporate transfer affects, from identity, asked for the
 * CONTACT purpose: a named account's e-mail (GetAccount); for a project site, every account
 * (ListAccounts) and every contact known only by e-mail (ListContacts) whose address no account
 * of the site already has; for all subjects, the same for every site (ListProjects).
 *
 * <p>Where identity's access policy does not let this service list contacts or project sites
 * (PERMISSION_DENIED), the listing falls back to what it may see: the accounts of the site; the
 * sites that have a primary account holder (ListPrimaryAccountHolders). That stays within P10
 * because a transfer's package holds only the subjects that were notified: whoever is not listed
 * is not transferred.
 *
 * <p>For a significant policy change (P14) it lists the primary account holder of every project
 * site (ListPrimaryAccountHolders), with the same calls, credentials and error mapping.
 */
public final class GrpcNoticeAddresses implements NoticeAddresses, HolderDirectory {
  private static final Logger log = LoggerFactory.getLogger(GrpcNoticeAddresses.class);
  private static final int PAGE = 1000;

  private final LeafChannels channels;

  public GrpcNoticeAddresses(LeafChannels channels) {
    this.channels = channels;
  }

  @Override
  public List<Addressee> addressees(Scope scope) {
    try {
      return switch (scope.kind()) {
        case SUBJECTS -> named(scope.subjects());
        case PROJECT -> ofProject(scope.project().orElseThrow());
        case ALL_SUBJECTS -> everyProject();
      };
    } catch (StatusRuntimeException e) {
      throw LeafCalls.failure("identity", e);
    }
  }

  @Override
  public List<Addressee> primaryAccountHolders() {
    try {
      return holders().stream()
          .map(h -> new Addressee(Subject.account(h.getAccount()), nonEmpty(h.getEmail()), nonEmpty(h.getFullName())))
          .toList();
    } catch (StatusRuntimeException e) {
      throw LeafCalls.failure("identity", e);
    }
  }

  private IdentityServiceGrpc.IdentityServiceBlockingStub identity() {
    return IdentityServiceGrpc.newBlockingStub(channels.identity())
        .withCallCredentials(channels.clients().credentials(Purpose.CONTACT))
        .withDeadlineAfter(channels.targets().callTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private List<Addressee> named(List<Subject> subjects) {
    List<Addressee> addressees = new ArrayList<>();
    for (Subject subject : subjects) {
      if (subject.email().isPresent()) {
        addressees.add(new Addressee(subject, subject.email(), Optional.empty()));
        continue;
      }
      try {
        Account account = identity().getAccount(GetAccountRequest.newBuilder().setName(subject.account().orElseThrow()).build()).getAccount();
        addressees.add(new Addressee(subject, nonEmpty(account.getEmail()), nonEmpty(account.getFullName())));
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
        addressees.add(new Addressee(subject, Optional.empty(), Optional.empty()));
      }
    }
    return addressees;
  }

  private List<Addressee> ofProject(String project) {
    List<Addressee> addressees = new ArrayList<>();
    Set<String> accountEmails = new HashSet<>();
    String token = "";
    do {
      ListAccountsResponse page = identity().listAccounts(ListAccountsRequest.newBuilder().setParent(project).setPageSize(PAGE).setPageToken(token).build());
      for (Account account : page.getAccountsList()) {
        accountEmails.add(EmailAddress.canonical(account.getEmail()));
        addressees.add(new Addressee(Subject.account(account.getName()), nonEmpty(account.getEmail()), nonEmpty(account.getFullName())));
      }
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    try {
      do {
        ListContactsResponse page = identity().listContacts(ListContactsRequest.newBuilder().setParent(project).setPageSize(PAGE)
            .setPageToken(token).build());
        for (Contact contact : page.getContactsList()) {
          if (!contact.getEmail().isEmpty() && accountEmails.add(EmailAddress.canonical(contact.getEmail()))) {
            addressees.add(new Addressee(Subject.email(project, contact.getEmail()), Optional.of(contact.getEmail()), Optional.empty()));
          }
        }
        token = page.getNextPageToken();
      } while (!token.isEmpty());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.PERMISSION_DENIED) {
        throw e;
      }
      log.warn("identity does not let this service list contacts for CONTACT; contacts known only by e-mail are neither "
          + "notified nor transferred project={}", project);
    }
    return addressees;
  }

  private List<Addressee> everyProject() {
    List<Addressee> addressees = new ArrayList<>();
    for (String project : projects()) {
      addressees.addAll(ofProject(project));
    }
    return addressees;
  }

  private Set<String> projects() {
    Set<String> projects = new LinkedHashSet<>();
    String token = "";
    try {
      do {
        ListProjectsResponse page = identity().listProjects(ListProjectsRequest.newBuilder().setPageSize(PAGE).setPageToken(token).build());
        page.getProjectsList().forEach(p -> projects.add(p.getName()));
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      return projects;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.PERMISSION_DENIED) {
        throw e;
      }
    }
    log.warn("identity does not let this service list project sites for CONTACT; listing the sites with a primary account holder");
    holders().forEach(h -> projects.add(h.getProject()));
    return projects;
  }

  /** Every project site's primary account holder, one per site that has one. */
  private List<PrimaryAccountHolder> holders() {
    List<PrimaryAccountHolder> holders = new ArrayList<>();
    String token = "";
    do {
      ListPrimaryAccountHoldersResponse page = identity().listPrimaryAccountHolders(ListPrimaryAccountHoldersRequest.newBuilder()
          .setPageSize(PAGE).setPageToken(token).build());
      holders.addAll(page.getHoldersList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return holders;
  }

  private static Optional<String> nonEmpty(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
