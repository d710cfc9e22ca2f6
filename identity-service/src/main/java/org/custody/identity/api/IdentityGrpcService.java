package org.custody.identity.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.custody.identity.account.Account;
import org.custody.identity.account.Accounts;
import org.custody.identity.account.Registrations;
import org.custody.identity.contact.Contact;
import org.custody.identity.contact.Contacts;
import org.custody.identity.project.PrimaryAccountHolder;
import org.custody.identity.project.Project;
import org.custody.identity.project.PrimaryAccountHolders;
import org.custody.identity.project.Projects;
import org.custody.identity.recovery.Recoveries;
import org.custody.platform.access.CallContext;
import org.custody.platform.api.AccountName;
import org.custody.platform.api.PageTokens;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.idempotency.Idempotency;
import org.custody.proto.identity.v1.ChangeEmailRequest;
import org.custody.proto.identity.v1.ChangeEmailResponse;
import org.custody.proto.identity.v1.ChangePasswordRequest;
import org.custody.proto.identity.v1.ChangePasswordResponse;
import org.custody.proto.identity.v1.CompleteRecoveryRequest;
import org.custody.proto.identity.v1.CompleteRecoveryResponse;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateAccountResponse;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.CreateProjectResponse;
import org.custody.proto.identity.v1.DisableAccountRequest;
import org.custody.proto.identity.v1.DisableAccountResponse;
import org.custody.proto.identity.v1.GetAccountRequest;
import org.custody.proto.identity.v1.GetAccountResponse;
import org.custody.proto.identity.v1.GetProjectRequest;
import org.custody.proto.identity.v1.GetProjectResponse;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.ListAccountsRequest;
import org.custody.proto.identity.v1.ListAccountsResponse;
import org.custody.proto.identity.v1.ListContactsRequest;
import org.custody.proto.identity.v1.ListContactsResponse;
import org.custody.proto.identity.v1.ListPrimaryAccountHoldersRequest;
import org.custody.proto.identity.v1.ListPrimaryAccountHoldersResponse;
import org.custody.proto.identity.v1.ListProjectsRequest;
import org.custody.proto.identity.v1.ListProjectsResponse;
import org.custody.proto.identity.v1.RecordContactRequest;
import org.custody.proto.identity.v1.RecordContactResponse;
import org.custody.proto.identity.v1.SetPrimaryAccountRequest;
import org.custody.proto.identity.v1.SetPrimaryAccountResponse;
import org.custody.proto.identity.v1.StartRecoveryRequest;
import org.custody.proto.identity.v1.StartRecoveryResponse;
import org.custody.proto.identity.v1.VerifyEmailRequest;
import org.custody.proto.identity.v1.VerifyEmailResponse;
import org.custody.proto.identity.v1.UpdateAccountRequest;
import org.custody.proto.identity.v1.UpdateAccountResponse;

/** The IdentityService adapter: validate (done by the interceptor), one domain call, map. */
public final class IdentityGrpcService extends IdentityServiceGrpc.IdentityServiceImplBase {
  private static final int DEFAULT_PAGE = 50;

  private final PageTokens pageTokens;
  private final Projects projects;
  private final PrimaryAccountHolders holders;
  private final Registrations registrations;
  private final Accounts accounts;
  private final Recoveries recoveries;
  private final Contacts contacts;
  private final Idempotency idempotency;
  private final HashingLane hashing;
  private final AnswerPacing pacing;

  public IdentityGrpcService(Projects projects, PrimaryAccountHolders holders, Registrations registrations, Accounts accounts,
      Recoveries recoveries, Contacts contacts, Idempotency idempotency, java.util.concurrent.Executor hashingPool, AnswerPacing pacing, PageTokens pageTokens) {
    this.pageTokens = pageTokens;
    this.projects = projects;
    this.holders = holders;
    this.registrations = registrations;
    this.accounts = accounts;
    this.recoveries = recoveries;
    this.contacts = contacts;
    this.idempotency = idempotency;
    this.hashing = new HashingLane(hashingPool);
    this.pacing = pacing;
  }

  @Override
  public void createProject(CreateProjectRequest request, StreamObserver<CreateProjectResponse> response) {
    reply(response, idempotency.execute(request.getRequestId(), request, CreateProjectResponse.parser(),
        () -> CreateProjectResponse.newBuilder()
            .setProject(IdentityMapper.project(projects.create(request.getProjectId(), request.getDisplayName())))
            .build()));
  }

  @Override
  public void getProject(GetProjectRequest request, StreamObserver<GetProjectResponse> response) {
    String id = Names.projectId("name", request.getName());
    reply(response, GetProjectResponse.newBuilder().setProject(IdentityMapper.project(projects.get(id))).build());
  }

  @Override
  public void listProjects(ListProjectsRequest request, StreamObserver<ListProjectsResponse> response) {
    Slice<Project> page = projects.list(pageTokens.cursor(request), PageTokens.size(request.getPageSize(), DEFAULT_PAGE));
    ListProjectsResponse.Builder builder = ListProjectsResponse.newBuilder();
    page.items().forEach(p -> builder.addProjects(IdentityMapper.project(p)));
    page.nextCursor().ifPresent(c -> builder.setNextPageToken(pageTokens.next(request, c)));
    reply(response, builder.build());
  }

  @Override
  public void setPrimaryAccount(SetPrimaryAccountRequest request, StreamObserver<SetPrimaryAccountResponse> response) {
    String projectId = Names.projectId("project", request.getProject());
    AccountName account = Names.parseAccount("account", request.getAccount());
    if (!account.projectId().equals(projectId)) {
      throw DomainException.invalidField("account", "must be an account of the project");
    }
    reply(response, SetPrimaryAccountResponse.newBuilder()
        .setProject(IdentityMapper.project(holders.set(projectId, account.accountId()))).build());
  }

  @Override
  public void listPrimaryAccountHolders(ListPrimaryAccountHoldersRequest request, StreamObserver<ListPrimaryAccountHoldersResponse> response) {
    Slice<PrimaryAccountHolder> page = holders.list(CallContext.purpose(), pageTokens.cursor(request),
        PageTokens.size(request.getPageSize(), DEFAULT_PAGE));
    ListPrimaryAccountHoldersResponse.Builder builder = ListPrimaryAccountHoldersResponse.newBuilder();
    page.items().forEach(h -> builder.addHolders(IdentityMapper.holder(h)));
    page.nextCursor().ifPresent(c -> builder.setNextPageToken(pageTokens.next(request, c)));
    reply(response, builder.build());
  }

  @Override
  public void createAccount(CreateAccountRequest request, StreamObserver<CreateAccountResponse> response) {
    String projectId = Names.projectId("parent", request.getParent());
    // The reply is personal data: the idempotency key keeps only the account's name. A retry of a
    // registration that stored nothing (a taken address) answers the same shape again.
    hashing.run(response, () -> CreateAccountResponse.newBuilder().setAccount(IdentityMapper.account(
        idempotency.executeByReference(request.getRequestId(), request,
            () -> registrations.create(projectId, request.getFullName(), request.getCompany(), request.getEmail(), request.getPassword()),
            account -> Names.account(account.projectId(), account.id()),
            name -> {
              AccountName ids = Names.parseAccount("name", name);
              return registrations.withoutEnumeration()
                  ? accounts.find(ids.projectId(), ids.accountId()).orElseGet(() -> registrations.replay(ids.projectId(), ids.accountId(), request.getFullName(),
                      request.getCompany(), request.getEmail()))
                  : accounts.get(ids.projectId(), ids.accountId());
            })))
        .build());
  }

  @Override
  public void getAccount(GetAccountRequest request, StreamObserver<GetAccountResponse> response) {
    AccountName name = Names.parseAccount("name", request.getName());
    reply(response, GetAccountResponse.newBuilder().setAccount(IdentityMapper.account(accounts.get(name.projectId(), name.accountId()))).build());
  }

  @Override
  public void listAccounts(ListAccountsRequest request, StreamObserver<ListAccountsResponse> response) {
    String projectId = Names.projectId("parent", request.getParent());
    Slice<Account> page = accounts.list(projectId, pageTokens.cursor(request), PageTokens.size(request.getPageSize(), DEFAULT_PAGE));
    ListAccountsResponse.Builder builder = ListAccountsResponse.newBuilder();
    page.items().forEach(a -> builder.addAccounts(IdentityMapper.account(a)));
    page.nextCursor().ifPresent(c -> builder.setNextPageToken(pageTokens.next(request, c)));
    reply(response, builder.build());
  }

  @Override
  public void updateAccount(UpdateAccountRequest request, StreamObserver<UpdateAccountResponse> response) {
    AccountName name = Names.parseAccount("name", request.getName());
    Optional<String> fullName = Optional.empty();
    Optional<String> company = Optional.empty();
    if (request.getUpdateMask().getPathsCount() == 0) {
      throw DomainException.invalidField("update_mask", "must name full_name and/or company");
    }
    for (String path : request.getUpdateMask().getPathsList()) {
      switch (path) {
        case "full_name" -> fullName = Optional.of(request.getFullName());
        case "company" -> company = Optional.of(request.getCompany());
        default -> throw DomainException.invalidField("update_mask", "may name only full_name and company");
      }
    }
    reply(response, UpdateAccountResponse.newBuilder()
        .setAccount(IdentityMapper.account(accounts.update(name.projectId(), name.accountId(), fullName, company))).build());
  }

  @Override
  public void disableAccount(DisableAccountRequest request, StreamObserver<DisableAccountResponse> response) {
    AccountName name = Names.parseAccount("name", request.getName());
    Accounts.Disabled disabled = accounts.disable(name.projectId(), name.accountId());
    reply(response, DisableAccountResponse.newBuilder()
        .setAccount(IdentityMapper.account(disabled.account()))
        .setRevokedSessionCount(disabled.revokedSessions())
        .build());
  }

  @Override
  public void changePassword(ChangePasswordRequest request, StreamObserver<ChangePasswordResponse> response) {
    AccountName name = Names.parseAccount("account", request.getAccount());
    Optional<String> session = request.getSessionToken().isEmpty() ? Optional.empty() : Optional.of(request.getSessionToken());
    hashing.run(response, () -> ChangePasswordResponse.newBuilder()
        .setRevokedSessionCount(accounts.changePassword(name.projectId(), name.accountId(), request.getCurrentPassword(),
            request.getNewPassword(), session))
        .build());
  }

  @Override
  public void changeEmail(ChangeEmailRequest request, StreamObserver<ChangeEmailResponse> response) {
    reply(response, ChangeEmailResponse.newBuilder()
        .setAccount(IdentityMapper.account(accounts.changeEmail(request.getSessionToken(), request.getNewEmail()))).build());
  }

  @Override
  public void verifyEmail(VerifyEmailRequest request, StreamObserver<VerifyEmailResponse> response) {
    reply(response, VerifyEmailResponse.newBuilder().setAccount(IdentityMapper.account(accounts.verifyEmail(request.getToken()))).build());
  }

  @Override
  public void startRecovery(StartRecoveryRequest request, StreamObserver<StartRecoveryResponse> response) {
    String projectId = Names.projectId("project", request.getProject());
    pacing.answer(response, () -> {
      recoveries.start(projectId, request.getEmail());
      return StartRecoveryResponse.getDefaultInstance();
    });
  }

  @Override
  public void completeRecovery(CompleteRecoveryRequest request, StreamObserver<CompleteRecoveryResponse> response) {
    hashing.run(response, () -> {
      Recoveries.Recovered recovered = recoveries.complete(request.getToken(), request.getNewPassword());
      return CompleteRecoveryResponse.newBuilder()
          .setAccount(Names.account(recovered.account().projectId(), recovered.account().id()))
          .setRevokedSessionCount(recovered.revokedSessions())
          .build();
    });
  }

  @Override
  public void recordContact(RecordContactRequest request, StreamObserver<RecordContactResponse> response) {
    String projectId = Names.projectId("parent", request.getParent());
    Contact contact = contacts.record(projectId, request.getEmail(), IdentityMapper.source(request.getSource()),
        request.hasSeenTime() ? Optional.of(ProtoTimes.instant(request.getSeenTime())) : Optional.empty());
    reply(response, RecordContactResponse.newBuilder().setContact(IdentityMapper.contact(contact)).build());
  }

  @Override
  public void listContacts(ListContactsRequest request, StreamObserver<ListContactsResponse> response) {
    String projectId = Names.projectId("parent", request.getParent());
    Slice<Contact> page = contacts.list(projectId, pageTokens.cursor(request), PageTokens.size(request.getPageSize(), DEFAULT_PAGE));
    ListContactsResponse.Builder builder = ListContactsResponse.newBuilder();
    page.items().forEach(c -> builder.addContacts(IdentityMapper.contact(c)));
    page.nextCursor().ifPresent(c -> builder.setNextPageToken(pageTokens.next(request, c)));
    reply(response, builder.build());
  }
}
