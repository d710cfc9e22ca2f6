package org.custody.disclosure.rights;

import java.util.List;
import org.custody.disclosure.consent.Consent;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.ledger.InclusionProof;
import org.custody.disclosure.ledger.SignedTreeHead;
import org.custody.disclosure.staffaccess.RecordedAccess;

/**
 * What the disclosure service itself holds about a subject: their consents, the released
 * disclosures of their data with each release's inclusion proof (checkable against the signed
 * head), the mails sent to them, and the staff reads of their data (each with its entry's proof).
 */
record OwnRecords(List<Consent> consents, List<ReleasedDisclosure> disclosures, List<SubjectExportStore.SentMail> mails,
    List<StaffAccessRecord> staffAccesses) {
  OwnRecords {
    consents = List.copyOf(consents);
    disclosures = List.copyOf(disclosures);
    mails = List.copyOf(mails);
    staffAccesses = List.copyOf(staffAccesses);
  }

  /** A staff read of the subject's data and the proof that its entry is in the ledger. */
  record StaffAccessRecord(RecordedAccess access, InclusionProof proof, SignedTreeHead head) {}

  /** A released disclosure and the proof that its release entry is in the ledger. */
  record ReleasedDisclosure(Disclosure disclosure, InclusionProof proof, SignedTreeHead head) {}
}
