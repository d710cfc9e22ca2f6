package org.custody.analytics.ingest;

/**
 * What is kept of a page URL.
 *
 * @param path the normalised path: no query, no fragment, no path parameters, and identifying
 *     segments replaced by {@code :card}, {@code :email}, {@code :token} or {@code :id}
 * @param host the page's host in lower case, or null when only a path was given; used only to
 *     recognise internal referrals, never stored
 * @param cardSegments how many path segments held a card number (replaced by {@code :card})
 * @param cardInDroppedPart whether the dropped query, fragment or path parameters held one
 */
public record NormalisedUrl(String path, String host, int cardSegments, boolean cardInDroppedPart) {}
