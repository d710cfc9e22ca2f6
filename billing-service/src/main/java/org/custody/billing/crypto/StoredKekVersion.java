package org.custody.billing.crypto;

import java.util.Optional;

/** A version row: its description and, unless destroyed, its key material sealed by the root. */
public record StoredKekVersion(KekVersion version, Optional<byte[]> sealedKeyset) {}
