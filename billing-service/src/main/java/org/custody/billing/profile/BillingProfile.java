package org.custody.billing.profile;

import java.time.Instant;
import org.custody.billing.Subject;

/** Who an account is billed as, and where. */
public record BillingProfile(String id, Subject subject, ProfileDetails details, Instant createTime, Instant updateTime) {
  /** {@code projects/{project}/accounts/{account}/billingProfiles/{id}}. */
  public String name() {
    return subject.accountName() + "/billingProfiles/" + id;
  }
}
