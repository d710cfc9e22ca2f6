package org.custody.disclosure.transfer;

import java.util.List;
import org.custody.disclosure.decision.Scope;

/**
 * Who a corporate transfer affects and where to tell them: named subjects, every account and
 * contact of a project site, or of all project sites. Asks identity for the CONTACT purpose;
 * throws UNAVAILABLE while identity cannot answer (the campaign is retried later).
 */
public interface NoticeAddresses {
  List<Addressee> addressees(Scope scope);
}
