package org.custody.disclosure.rights;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.platform.mail.MessageState;

/** Persistence of subject exports, and the read of what was mailed to a subject. */
public interface SubjectExportStore {
  /** A mail sent (or being sent) to a subject, as their export shows it. */
  record SentMail(String id, String topic, String reference, String to, String mailSubject, MessageState state, Instant createTime,
      Optional<Instant> deliverTime) {
    @Override
    public String toString() {
      return "SentMail[" + id + ", " + topic + "]";
    }
  }

  /** Records a REQUESTED export; false if the caller's request id is taken. */
  boolean insert(SubjectExport export, String requestId, byte[] requestHash);

  Optional<SubjectExport> find(String id);

  /** The export recorded for the caller's request id, with that request's fingerprint. */
  Optional<Requested> findByRequest(String caller, String requestId);

  /** An export and the fingerprint of the request that made it. */
  record Requested(SubjectExport export, byte[] requestHash) {}

  /** Back to REQUESTED for another try after a failure. */
  void retry(String id);

  /** Records why it failed (a code, never a message). */
  void fail(String id, String failure);

  void complete(String id, String document, Instant releaseTime, long ledgerIndex);

  /** The mails queued for a subject, by their ledger id, oldest first. */
  List<SentMail> mailsTo(String subjectId, int limit);

  /** Deletes exports created before {@code cutoff}; returns how many. */
  int deleteCreatedBefore(Instant cutoff);
}
