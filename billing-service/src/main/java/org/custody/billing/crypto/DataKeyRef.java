package org.custody.billing.crypto;

/** A data key as stored: its id, the KEK version that wrapped it, and the wrapped key. */
public record DataKeyRef(String id, int kekVersion, byte[] wrappedKey) {}
