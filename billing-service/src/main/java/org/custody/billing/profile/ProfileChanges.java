package org.custody.billing.profile;

import java.util.Optional;

/** The fields an update replaces; empty ones stay as they are. */
public record ProfileChanges(Optional<String> billingName, Optional<String> company, Optional<String> billingEmail,
    Optional<PostalAddress> address) {

  public ProfileDetails applyTo(ProfileDetails current) {
    return new ProfileDetails(billingName.orElse(current.billingName()), company.orElse(current.company()),
        billingEmail.orElse(current.billingEmail()), address.orElse(current.address()));
  }

  public boolean isEmpty() {
    return billingName.isEmpty() && company.isEmpty() && billingEmail.isEmpty() && address.isEmpty();
  }
}
