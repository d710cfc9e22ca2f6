package org.custody.disclosure.rights;

import java.util.List;
import org.custody.disclosure.consent.Consent;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.ledger.InclusionProof;
import org.custody.disclosure.ledger.SignedTreeHead;

/**
 * What the disclosure service itself holds about a subject: their consents, the released
 * disclosures of their data with each release's inclusion proof (checkable against the signed
 * head), and the mails sent to them.
 */
record OwnRecords(List<Consent> consents, List<ReleasedDisclosure> disclosures, List<SubjectExportStore.SentMail> mails) {
  OwnRecords {
    consents = List.copyOf(consents);
    disclosures = List.copyOf(disclosures);
    mails = List.copyOf(mails);
  }

  /** A released disclosure and the proof that its release entry is in the ledger. */
  record ReleasedDisclosure(Disclosure disclosure, InclusionProof proof, SignedTreeHead head) {}
}
