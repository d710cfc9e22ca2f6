package org.custody.analytics.ingest;

class CapturingJournalTest extends JournalStoreContract {
  private final CapturingJournal journal = new CapturingJournal();

  @Override
  protected JournalStore journal() {
    return journal;
  }
}
