package org.custody.disclosure.policy;

import java.util.Optional;

/**
 * A policy version as asked to be published, before it is checked.
 *
 * @param text the full text, for an inline version
 * @param url where the text is published, for an external version
 * @param externalSha256 the hash given with an external text
 * @param effectiveDate as given, {@code YYYY-MM-DD}
 */
public record PolicyDraft(
    String id,
    Optional<String> text,
    Optional<String> url,
    Optional<String> externalSha256,
    String effectiveDate,
    boolean significant,
    String summary) {}
