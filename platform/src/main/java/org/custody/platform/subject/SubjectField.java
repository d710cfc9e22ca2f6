package org.custody.platform.subject;

import org.custody.platform.classification.DataCategory;

/** One labelled value of an exported record; times as RFC 3339 text. */
public record SubjectField(String name, DataCategory category, String value) {}
