package org.custody.disclosure.ledger;

import org.custody.platform.mail.OutboxTransaction;

/**
 * An open database transaction, handed by the ledger to the writes it runs and by those writes
 * back to their stores. Opaque on purpose: domain code passes it along, stores unwrap it. It is
 * also where the platform's mail outbox queues messages and records their outcomes, so a notice
 * commits with the change that calls for it.
 */
public interface Transaction extends OutboxTransaction {}
