package org.custody.billing.profile;

/** The personal part of a billing profile: everything here is stored only sealed. */
public record ProfileDetails(String billingName, String company, String billingEmail, PostalAddress address) {}
