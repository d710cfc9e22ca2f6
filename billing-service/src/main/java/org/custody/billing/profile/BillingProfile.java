package org.custody.billing.profile;

import java.time.Instant;
import org.custody.platform.api.AccountName;

/** Who an account is billed as, and where. */
public record BillingProfile(String id, AccountName subject, ProfileDetails details, Instant createTime, Instant updateTime) {
  /** {@code projects/{project}/accounts/{account}/billingProfiles/{id}}. */
  public String name() {
    return subject.name() + "/billingProfiles/" + id;
  }
}
