package org.custody.identity.account;

import java.util.Optional;
import org.custody.platform.domain.Slice;

/**
 * Persistence of accounts. Implementations turn a duplicate (project, e-mail) into
 * ALREADY_EXISTS with reason ACCOUNT_ALREADY_EXISTS and a message that names nobody.
 */
public interface AccountStore {
  void insert(Account account);

  Optional<Account> find(String projectId, String accountId);

  Optional<Account> findByEmail(String projectId, String email);

  /** Accounts of a project in creation order, resuming after {@code cursor} ("" for the first page). */
  Slice<Account> list(String projectId, String cursor, int size);

  /** Writes name, company, e-mail, state and update time of an existing account. */
  void update(Account account);

  /** Deletes the account; returns how many rows (0 or 1). */
  int delete(String projectId, String accountId);
}
