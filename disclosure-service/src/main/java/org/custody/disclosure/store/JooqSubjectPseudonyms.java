package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.SUBJECT_PSEUDONYMS;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.subject.Subject;
import org.jooq.DSLContext;

final class JooqSubjectPseudonyms implements SubjectPseudonyms {
  private static final SecureRandom random = new SecureRandom();
  private final DSLContext dsl;
  private final Clock clock;

  JooqSubjectPseudonyms(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  @Override
  public Map<Subject, String> ledgerIds(Collection<Subject> subjects) {
    Map<Subject, String> ids = new HashMap<>();
    Map<String, Subject> byEmailKey = new HashMap<>();
    for (Subject s : subjects) {
      if (s.account().isPresent()) {
        ids.put(s, s.account().get());
      } else {
        byEmailKey.put(s.key(), s);
      }
    }
    if (byEmailKey.isEmpty()) {
      return ids;
    }
    // Create what is missing (a concurrent creator wins harmlessly), then read them all back.
    var insert = dsl.insertInto(SUBJECT_PSEUDONYMS, SUBJECT_PSEUDONYMS.SUBJECT_KEY, SUBJECT_PSEUDONYMS.PSEUDONYM, SUBJECT_PSEUDONYMS.CREATE_TIME);
    for (String key : byEmailKey.keySet()) {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      insert = insert.values(key, HexFormat.of().formatHex(bytes), clock.instant());
    }
    insert.onDuplicateKeyIgnore().execute();
    dsl.select(SUBJECT_PSEUDONYMS.SUBJECT_KEY, SUBJECT_PSEUDONYMS.PSEUDONYM).from(SUBJECT_PSEUDONYMS)
        .where(SUBJECT_PSEUDONYMS.SUBJECT_KEY.in(List.copyOf(byEmailKey.keySet())))
        .forEach(r -> {
          Subject s = byEmailKey.get(r.value1());
          ids.put(s, s.project() + "/emailSubjects/" + r.value2());
        });
    return ids;
  }
}
