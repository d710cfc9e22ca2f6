package org.custody.disclosure.subject;

import java.util.Collection;
import java.util.Map;
import org.custody.platform.subject.Subject;

/**
 * How subjects appear in the ledger, which must hold no e-mail address in clear: an account by
 * its name (an id), a subject known by e-mail by {@code projects/{project}/emailSubjects/{random}}.
 * The random pseudonym is kept in a table of its own; erasing that row (P13) leaves the ledger
 * entries pointing at nobody.
 */
public interface SubjectPseudonyms {
  /** Each subject's ledger id, creating pseudonyms as needed. */
  Map<Subject, String> ledgerIds(Collection<Subject> subjects);
}
