package org.custody.analytics.ingest;

/**
 * What is kept of a page URL.
 *
 * @param path the normalised path: no query, no fragment, no path parameters, and identifying
 *     segments replaced by {@code :email}, {@code :token} or {@code :id}
 * @param host the page's host in lower case, or null when only a path was given; used only to
 *     recognise internal referrals, never stored
 */
public record NormalisedUrl(String path, String host) {}
