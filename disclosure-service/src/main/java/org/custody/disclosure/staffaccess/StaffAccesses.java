package org.custody.disclosure.staffaccess;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.staffaccess.StaffAccess;
import org.custody.platform.staffaccess.StaffAccessLog;
import org.custody.platform.subject.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff reads in the ledger (issue 13 §5): each is a {@code staff.accessed} entry naming the
 * subject by the ledger id disclosures use (account name, or e-mail pseudonym), the staff caller,
 * the method, the purpose and the data categories it returns; indexed by subject in the same
 * transaction, so the subject's export lists it with an inclusion proof. Recorded for the leaves
 * (StaffAccessService) and in-process for disclosure's own staff reads.
 */
public final class StaffAccesses implements StaffAccessLog {
  public static final String ENTRY_TYPE = "staff.accessed";
  private static final Logger log = LoggerFactory.getLogger(StaffAccesses.class);

  private final StaffAccessStore store;
  private final SubjectPseudonyms pseudonyms;
  private final Ledger ledger;
  private final Clock clock;

  public StaffAccesses(StaffAccessStore store, SubjectPseudonyms pseudonyms, Ledger ledger, Clock clock) {
    this.store = store;
    this.pseudonyms = pseudonyms;
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void record(StaffAccess access) {
    append(access);
  }

  /** Appends the access's entry and index row together; returns the entry's index. */
  public long append(StaffAccess access) {
    Subject subject = access.account().map(Subject::account).orElseGet(() -> Subject.email(access.project(), access.email().orElseThrow()));
    String subjectId = pseudonyms.ledgerIds(List.of(subject)).get(subject);
    List<String> categories = access.categories().stream().map(DataCategory::fideslangKey).sorted().toList();
    return ledger.write(batch -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("subject", subjectId);
      body.put("caller", access.caller());
      body.put("method", access.method());
      body.put("purpose", access.purpose().name());
      body.put("categories", categories);
      long index = batch.append(ENTRY_TYPE, body);
      store.insert(batch.tx(), new RecordedAccess(index, subjectId, access.caller(), access.method(), access.purpose(),
          access.categories(), batch.time()));
      return index;
    });
  }

  /** Every recorded access of the subject with this ledger id, oldest first. */
  public List<RecordedAccess> forSubject(String subjectId) {
    List<RecordedAccess> all = new ArrayList<>();
    int page = 1000;
    List<RecordedAccess> next;
    long after = -1;
    do {
      next = store.forSubject(subjectId, after, page);
      all.addAll(next);
      after = next.isEmpty() ? after : next.get(next.size() - 1).ledgerIndex();
    } while (next.size() == page);
    return all;
  }

  /** Deletes the index rows older than {@code retention} (their ledger entries stay); returns how many. */
  public int purge(Duration retention) {
    int deleted = store.deleteBefore(clock.instant().minus(retention));
    if (deleted > 0) {
      log.info("staff access rows past retention deleted count={}", deleted);
    }
    return deleted;
  }
}
