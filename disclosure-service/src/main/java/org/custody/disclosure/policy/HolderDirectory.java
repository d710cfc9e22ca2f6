package org.custody.disclosure.policy;

import java.util.List;
import org.custody.disclosure.transfer.Addressee;

/**
 * The primary account holder of every project site, with the address to notify them at (identity,
 * asked for the CONTACT purpose). Throws UNAVAILABLE while identity cannot answer (the campaign
 * is retried later). Disclosure's port onto identity's {@code ListPrimaryAccountHolders}; not to
 * be confused with identity's own {@code project.PrimaryAccountHolders}, which keeps them.
 */
public interface HolderDirectory {
  List<Addressee> primaryAccountHolders();
}
