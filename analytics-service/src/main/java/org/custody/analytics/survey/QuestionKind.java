package org.custody.analytics.survey;

/** Pick one of the options, or give a whole-number rating within bounds. */
public enum QuestionKind {
  CHOICE,
  RATING
}
