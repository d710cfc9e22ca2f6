package org.custody.disclosure.leaves;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.custody.disclosure.decision.Scope;
import org.custody.disclosure.subject.Subject;
import org.custody.disclosure.transfer.Addressee;
import org.custody.disclosure.transfer.NoticeAddresses;
import org.custody.platform.access.Purpose;
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
import org.custody.proto.identity.v1.Project;

/**
 * The addresses of the subjects a corporate transfer affects, from identity, asked for the
 * CONTACT purpose: a named account's e-mail (GetAccount); for a project site, every account
 * (ListAccounts) and every contact known only by e-mail (ListContacts) whose address no account
 * of the site already has; for all subjects, the same for every site (ListProjects).
 */
public final class GrpcNoticeAddresses implements NoticeAddresses {
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
        accountEmails.add(account.getEmail().toLowerCase(Locale.ROOT));
        addressees.add(new Addressee(Subject.account(account.getName()), nonEmpty(account.getEmail()), nonEmpty(account.getFullName())));
      }
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    do {
      ListContactsResponse page = identity().listContacts(ListContactsRequest.newBuilder().setParent(project).setPageSize(PAGE).setPageToken(token).build());
      for (Contact contact : page.getContactsList()) {
        if (!contact.getEmail().isEmpty() && accountEmails.add(contact.getEmail().toLowerCase(Locale.ROOT))) {
          addressees.add(new Addressee(Subject.email(project, contact.getEmail()), Optional.of(contact.getEmail()), Optional.empty()));
        }
      }
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return addressees;
  }

  private List<Addressee> everyProject() {
    List<Addressee> addressees = new ArrayList<>();
    String token = "";
    do {
      ListProjectsResponse page = identity().listProjects(ListProjectsRequest.newBuilder().setPageSize(PAGE).setPageToken(token).build());
      for (Project project : page.getProjectsList()) {
        addressees.addAll(ofProject(project.getName()));
      }
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return addressees;
  }

  private static Optional<String> nonEmpty(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
