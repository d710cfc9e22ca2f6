package org.custody.disclosure.decision;

/** Where decisions are counted (implemented with Micrometer at the edge). */
public interface DecisionMetrics {
  void decided(Outcome outcome, DisclosureBasis basis);
}
