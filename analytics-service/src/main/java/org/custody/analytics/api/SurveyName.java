package org.custody.analytics.api;

import java.util.List;
import org.custody.platform.api.ResourceNames;

/** A survey's resource name, {@code projects/{project}/surveys/{survey}}. */
record SurveyName(String projectId, String surveyId) {
  static final String PATTERN = "projects/{project}/surveys/{survey}";

  /** The survey {@code name} names, or INVALID_ARGUMENT on {@code field}. */
  static SurveyName parse(String field, String name) {
    List<String> ids = ResourceNames.parse(field, name, PATTERN);
    return new SurveyName(ids.get(0), ids.get(1));
  }
}
