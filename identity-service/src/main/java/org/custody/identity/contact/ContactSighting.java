package org.custody.identity.contact;

import java.time.Instant;

/** When a contact was first and last seen through one source. */
public record ContactSighting(ContactSource source, Instant firstSeenTime, Instant lastSeenTime) {}
