package org.custody.disclosure.ledger;

/**
 * An open database transaction, handed by the ledger to the writes it runs and by those writes
 * back to their stores. Opaque on purpose: domain code passes it along, stores unwrap it.
 */
public interface Transaction {}
