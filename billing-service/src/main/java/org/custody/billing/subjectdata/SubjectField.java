package org.custody.billing.subjectdata;

import org.custody.platform.classification.DataCategory;

/** One labelled value of an exported record. */
public record SubjectField(String name, DataCategory category, String value) {}
