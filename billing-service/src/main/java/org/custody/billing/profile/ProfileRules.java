package org.custody.billing.profile;

import java.util.ArrayList;
import java.util.List;
import org.custody.billing.TextRules;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/** Required fields and well-formed values of a billing profile (field paths as in the request). */
final class ProfileRules {
  private ProfileRules() {}

  static void checkNew(ProfileDetails details, String prefix) {
    List<FieldViolation> violations = new ArrayList<>();
    TextRules.required(details.billingName(), prefix + ".billing_name", violations);
    TextRules.optional(details.company(), prefix + ".company", violations);
    TextRules.required(details.billingEmail(), prefix + ".billing_email", violations);
    if (details.address() == null) {
      violations.add(new FieldViolation(prefix + ".address", "is required"));
    } else {
      AddressRules.check(details.address(), prefix + ".address", violations);
    }
    throwIfAny(violations);
  }

  static void checkChanges(ProfileChanges changes, String prefix) {
    List<FieldViolation> violations = new ArrayList<>();
    changes.billingName().ifPresent(v -> TextRules.required(v, prefix + ".billing_name", violations));
    changes.company().ifPresent(v -> TextRules.optional(v, prefix + ".company", violations));
    changes.billingEmail().ifPresent(v -> TextRules.required(v, prefix + ".billing_email", violations));
    changes.address().ifPresent(a -> AddressRules.check(a, prefix + ".address", violations));
    throwIfAny(violations);
  }

  static ProfileDetails normalize(ProfileDetails details) {
    return new ProfileDetails(details.billingName().strip(), details.company().strip(), details.billingEmail().strip(),
        AddressRules.normalize(details.address()));
  }

  private static void throwIfAny(List<FieldViolation> violations) {
    if (!violations.isEmpty()) {
      throw DomainException.invalid("INVALID_FIELD", violations);
    }
  }
}
