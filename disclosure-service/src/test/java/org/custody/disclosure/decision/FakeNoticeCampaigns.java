package org.custody.disclosure.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custody.disclosure.ledger.InMemoryTransactions;

/** Transfer notices as decisions see them: campaigns opened on commit, nudges counted, progress set by the test. */
final class FakeNoticeCampaigns implements NoticeCampaigns {
  final List<String> opened = new ArrayList<>();
  final Map<String, NoticeStatus> statuses = new HashMap<>();
  int nudges;

  @Override
  public void open(Disclosure disclosure) {
    InMemoryTransactions.onCommit(() -> opened.add(disclosure.id()));
  }

  @Override
  public void nudge() {
    nudges++;
  }

  @Override
  public NoticeStatus status(String disclosureId) {
    return statuses.getOrDefault(disclosureId, NoticeStatus.notStarted());
  }
}
