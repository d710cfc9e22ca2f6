package org.custody.analytics.aggregate;

import java.time.LocalDate;

/**
 * One aggregate cell of a project: a UTC day and a normalised path or a referrer host.
 *
 * @param key the normalised path or referrer host (never an unnormalised URL)
 */
public record CellKey(LocalDate day, String key) {}
