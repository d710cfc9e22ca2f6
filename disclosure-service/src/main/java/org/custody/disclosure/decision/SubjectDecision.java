package org.custody.disclosure.decision;

import org.custody.platform.subject.Subject;

/** The outcome for one named subject (they differ under the consent basis). */
public record SubjectDecision(Subject subject, Outcome outcome, String reason) {}
