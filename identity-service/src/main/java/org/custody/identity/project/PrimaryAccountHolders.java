package org.custody.identity.project;

import org.custody.identity.account.Account;
import org.custody.identity.account.AccountState;
import org.custody.identity.account.AccountStore;
import org.custody.platform.access.Purpose;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;

/**
 * Who receives a project site's policy-change notices (P14). The list of holders, with their
 * e-mail addresses, is handed out only for the CONTACT purpose: the access policy says so, and
 * this class refuses anything else in case a policy file is ever loosened by mistake.
 */
public final class PrimaryAccountHolders {
  private final ProjectStore projects;
  private final AccountStore accounts;

  public PrimaryAccountHolders(ProjectStore projects, AccountStore accounts) {
    this.projects = projects;
    this.accounts = accounts;
  }

  /** Names an active account of the project as its primary account holder. */
  public Project set(String projectId, String accountId) {
    Project project = projects.find(projectId).orElseThrow(() -> DomainException.notFound("project"));
    Account account = accounts.find(projectId, accountId).orElseThrow(() -> DomainException.notFound("account"));
    if (account.state() != AccountState.ACTIVE) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "ACCOUNT_DISABLED", "a disabled account cannot be the primary account holder");
    }
    projects.setPrimaryAccount(projectId, java.util.Optional.of(accountId));
    return new Project(project.id(), project.displayName(), java.util.Optional.of(accountId), project.createTime());
  }

  /** Every site's holder, for notices; only for {@link Purpose#CONTACT}. */
  public Slice<PrimaryAccountHolder> list(Purpose purpose, String cursor, int size) {
    if (purpose != Purpose.CONTACT) {
      throw DomainException.of(ErrorKind.PERMISSION_DENIED, "PURPOSE_NOT_ALLOWED",
          "primary account holders are disclosed only for the CONTACT purpose");
    }
    return projects.listPrimaryAccountHolders(cursor, size);
  }
}
