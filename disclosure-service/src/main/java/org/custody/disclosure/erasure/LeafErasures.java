package org.custody.disclosure.erasure;

import java.util.List;
import java.util.Optional;
import org.custody.platform.subject.Subject;

/**
 * The leaf services' SubjectDataService.EraseSubjectData, asked for the SUBJECT_REQUEST purpose,
 * and identity's record of where to send the subject's receipt. Both throw a DomainException
 * (UNAVAILABLE / LEAF_UNAVAILABLE, or FAILED_PRECONDITION / LEAF_REFUSED) naming the service.
 */
public interface LeafErasures {
  /** The leaves, in the order their steps are listed: identity, billing, analytics. */
  List<String> services();

  /**
   * Erases the subject from {@code service}; {@code requestId} is the step's own idempotency key,
   * so a repeated call returns the first receipt instead of erasing again.
   */
  ServiceReceipt erase(String service, Subject subject, String requestId, String erasureName);

  /** Where the subject's receipt goes: the account's e-mail address and name, as identity holds them. */
  Optional<ReceiptAddress> receiptAddress(Subject subject);

  /** An address and the name to greet (personal data: kept only until the receipt went out). */
  record ReceiptAddress(String email, Optional<String> name) {
    @Override
    public String toString() {
      return "ReceiptAddress[<redacted>]";
    }
  }
}
