package org.custody.disclosure.release;

import java.util.List;
import java.util.Set;
import org.custody.disclosure.decision.Disclosure;
import org.custody.platform.classification.DataCategory;

/** A released package and the ledger entry recording its release. */
public record DisclosurePackage(Disclosure disclosure, Set<DataCategory> categories, List<SubjectPackage> subjects, long ledgerIndex) {}
