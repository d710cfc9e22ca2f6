package org.custody.disclosure.app;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import org.custody.disclosure.ledger.Ledger;
import org.custody.platform.mail.DeliveryJournal;
import org.custody.platform.mail.OutboxTransaction;

/**
 * The outbox's journal in the disclosure service: every delivery and every message given up is
 * a ledger entry (ids only), appended in the transaction that records the message's new state,
 * so the tamper-evident log says what was sent to whom (by ledger id) and when.
 */
final class LedgerDeliveryJournal implements DeliveryJournal {
  private final Ledger ledger;
  private final OutboxTransaction outboxTransaction;

  /** @param outboxTransaction the outbox's statements in the transaction open on this thread (the ledger writer's, here) */
  LedgerDeliveryJournal(Ledger ledger, OutboxTransaction outboxTransaction) {
    this.ledger = ledger;
    this.outboxTransaction = outboxTransaction;
  }

  @Override
  public void write(Optional<Entry> entry, BiConsumer<OutboxTransaction, OptionalLong> update) {
    ledger.write(batch -> {
      OptionalLong index = entry.isPresent() ? OptionalLong.of(batch.append(entry.get().type(), entry.get().body())) : OptionalLong.empty();
      update.accept(outboxTransaction, index);
      return null;
    });
  }
}
