package org.custody.billing.invoice;

import org.custody.billing.profile.PostalAddress;

/** Who an invoice was issued to, frozen at issue. */
public record BillTo(String billingName, String company, PostalAddress address) {}
