package org.custody.platform.staffaccess;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;

/**
 * One read of one subject's personal data by a staff caller, as the ledger records it: who read
 * (the caller), what (the method and the data categories it returns), why (the purpose) and whose
 * (the subject). Never the data itself.
 *
 * @param project {@code projects/{project}}
 * @param account {@code projects/{project}/accounts/{account}}, for a subject known by account
 * @param email the address of a subject known only by e-mail (never in the ledger: disclosure
 *     records its pseudonym)
 * @param caller {@code helpdesk} or {@code operator}
 * @param method the full gRPC method name
 */
public record StaffAccess(String project, Optional<String> account, Optional<String> email, String caller, String method,
    Purpose purpose, Set<DataCategory> categories) {
  public StaffAccess {
    Objects.requireNonNull(project, "project");
    if (account.isPresent() == email.isPresent()) {
      throw new IllegalArgumentException("a subject is named by exactly one of account and e-mail");
    }
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(purpose, "purpose");
    categories = Set.copyOf(categories);
  }

  /** A read of the data of the account {@code projects/{project}/accounts/{account}}. */
  public static StaffAccess ofAccount(String account, String caller, String method, Purpose purpose, Set<DataCategory> categories) {
    return new StaffAccess(account.substring(0, account.indexOf("/accounts/")), Optional.of(account), Optional.empty(), caller, method,
        purpose, categories);
  }

  /** Never the e-mail address: accesses end up in log lines. */
  @Override
  public String toString() {
    return "StaffAccess[" + account.orElse(project + " by e-mail") + ", " + caller + ", " + method + "]";
  }
}
