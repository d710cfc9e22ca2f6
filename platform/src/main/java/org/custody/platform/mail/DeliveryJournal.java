package org.custody.platform.mail;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

/**
 * Where the dispatcher records the outcome of each attempt. The message row is updated in a
 * transaction the service chooses, together with an entry of the service's own journal for final
 * outcomes (disclosure appends them to its tamper-evident ledger; identity keeps only the row).
 */
@FunctionalInterface
public interface DeliveryJournal {
  /**
   * An entry for a final outcome.
   *
   * @param type {@code mail.delivered} or {@code mail.undeliverable}
   * @param body ids only (message, topic, reference, subject id, attempts, failure code); never an address or text
   */
  record Entry(String type, Map<String, Object> body) {}

  /**
   * Runs {@code update} in one transaction with {@code entry} (when present) appended to the
   * journal; {@code update} receives the transaction and the entry's index in the journal (empty
   * when none was written).
   */
  void write(Optional<Entry> entry, BiConsumer<OutboxTransaction, OptionalLong> update);

  /** No journal: each outcome is one update of the message row, run in {@code autoCommit}. */
  static DeliveryJournal none(OutboxTransaction autoCommit) {
    return (entry, update) -> update.accept(autoCommit, OptionalLong.empty());
  }
}
