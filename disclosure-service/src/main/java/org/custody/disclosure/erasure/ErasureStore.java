package org.custody.disclosure.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.disclosure.ledger.Transaction;

/**
 * Persistence of erasure sagas: the erasure, one step per service, the recipients told. A second
 * erasure with the same caller and request id, or for a subject with one in progress, fails the
 * transaction with a {@link org.custody.platform.db.WriteConflict}.
 */
public interface ErasureStore extends ErasureCounts {
  /** Where a listing page ends: the last erasure's create time and id (newest first). */
  record Cursor(Instant createTime, String id) {}

  /**
   * A new erasure as recorded.
   *
   * @param subjectKey the subject's key (holds the address of a subject known by e-mail until completion)
   * @param receiptAddress where the receipt goes, when known already (a subject known by e-mail)
   */
  record NewErasure(Erasure erasure, String caller, String requestId, byte[] requestHash, String subjectKey,
      Optional<LeafErasures.ReceiptAddress> receiptAddress) {}

  /** A step due for an attempt. */
  record DueStep(String erasureId, String service, String requestId, int attempts, String subjectKey, boolean addressKnown) {
    public String erasureName() {
      return "erasures/" + erasureId;
    }
  }

  /** An erasure as a completing transaction sees it, locked. */
  record Locked(Erasure erasure, String subjectKey, Optional<LeafErasures.ReceiptAddress> receiptAddress) {}

  /** What disclosure erased of its own records. */
  /**
   * @param ledgerTexts texts (and their keys) that ledger entries commit to, deleted; the
   *     commitments stay, and can no longer be opened
   * @param disclosureTexts decisions naming the subject whose evidence references and
   *     requested-by were cleared
   */
  record OwnRecords(long consents, long pseudonyms, long exports, long mails, long rekeyed, long policyAcknowledgements,
      long ledgerTexts, long disclosureTexts) {}

  /** A recipient told of an erasure, and the outbox message (none without a notice address). */
  record Notice(String recipientId, Optional<String> messageId) {}

  void insert(Transaction tx, NewErasure erasure);

  Optional<Erasure> find(String id);

  /** The erasure recorded for this caller's request id, with the fingerprint of that request. */
  Optional<Requested> findByRequest(String caller, String requestId);

  /** An erasure and the fingerprint of the request that made it. */
  record Requested(Erasure erasure, byte[] requestHash) {}

  /** The subject's erasure in progress. */
  Optional<Erasure> activeFor(String subjectKey);

  /** Newest first. */
  List<Erasure> list(Optional<Cursor> after, int limit);

  /** Pending leaf steps of erasures in progress whose next attempt is due and that no runner holds. */
  List<DueStep> due(Instant now, int limit);

  /** Takes a step for an attempt until {@code leaseUntil}; false if another runner holds it or it is done. */
  boolean claim(String erasureId, String service, Instant now, Instant leaseUntil);

  /** Records a failed attempt (failure: a code, never a message) and releases the lease. */
  void postpone(String erasureId, String service, int attempts, Instant nextAttempt, String failure);

  /** Records where the receipt goes (once known: also when identity knows no address). */
  void captureAddress(String erasureId, Optional<LeafErasures.ReceiptAddress> address);

  /** Records a service's receipt and its ledger entry; the step is done or retained. */
  void confirm(Transaction tx, String erasureId, String service, int attempts, ServiceReceipt receipt, long ledgerIndex);

  /** Erasures in progress whose leaf steps are all confirmed. */
  List<String> readyToComplete(int limit);

  Optional<Locked> lock(Transaction tx, String id);

  /**
   * Erases disclosure's own records of the subject: consents, exports, the pseudonym row, the
   * addresses and bodies of mails to them; rows that keep a decision's or campaign's shape
   * (disclosure subjects, transfer notices) are re-keyed to the address-free ledger id.
   */
  OwnRecords eraseOwnRecords(Transaction tx, String subjectKey, String ledgerId);

  /**
   * Marks the erasure completed: disclosure's own step confirmed with {@code ownReceipt}, the
   * notices recorded, the subject key replaced by {@code finalSubjectKey}, the receipt message
   * noted (without one the receipt address is cleared at once).
   */
  void complete(Transaction tx, String id, Instant time, long ledgerIndex, String ownService, ServiceReceipt ownReceipt,
      List<Notice> notices, Optional<String> receiptMessageId, String finalSubjectKey);

  /** Completed erasures whose receipt mail was delivered or given up, while its address is still kept. */
  List<String> receiptsSent(int limit);

  /** Forgets the receipt address and name, and blanks the address and body of the receipt mail. */
  void forgetReceiptAddress(String id);
}
