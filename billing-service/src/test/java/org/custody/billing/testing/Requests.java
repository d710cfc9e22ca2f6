package org.custody.billing.testing;

import java.util.UUID;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.CardBrand;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.CreateInvoiceRequest;
import org.custody.proto.billing.v1.CreatePaymentMethodRequest;
import org.custody.proto.billing.v1.InvoiceLineItem;
import org.custody.proto.billing.v1.PostalAddress;

/** Valid requests the integration tests start from. */
public final class Requests {
  private Requests() {}

  public static String account(String id) {
    return "projects/acme/accounts/" + id;
  }

  public static PostalAddress address() {
    return PostalAddress.newBuilder()
        .addAddressLines("12 Crescent Road").addAddressLines("Flat 3")
        .setLocality("Oxford").setPostalCode("OX1 2JD").setRegionCode("GB")
        .build();
  }

  public static BillingProfile profile() {
    return BillingProfile.newBuilder()
        .setBillingName("Ada Lovelace").setCompany("Analytical Engines Ltd").setBillingEmail("ada@example.org")
        .setAddress(address())
        .build();
  }

  public static CreateBillingProfileRequest createProfile(String accountId) {
    return CreateBillingProfileRequest.newBuilder().setParent(account(accountId)).setBillingProfile(profile()).build();
  }

  public static CreatePaymentMethodRequest createCard(String accountId, String last4, int month, int year, boolean makeDefault) {
    return CreatePaymentMethodRequest.newBuilder()
        .setParent(account(accountId)).setProcessor("stripe").setProcessorToken("pm_" + last4 + "_secret_token")
        .setBrand(CardBrand.CARD_BRAND_VISA).setLast4(last4).setExpMonth(month).setExpYear(year).setMakeDefault(makeDefault)
        .build();
  }

  public static CreateInvoiceRequest createInvoice(String accountId, String profileName) {
    return CreateInvoiceRequest.newBuilder()
        .setParent(account(accountId)).setBillingProfile(profileName).setCurrencyCode("EUR")
        .addLineItems(InvoiceLineItem.newBuilder().setDescription("Pro plan").setQuantity(3).setUnitAmountMinor(1999))
        .build();
  }

  public static String requestId() {
    return UUID.randomUUID().toString();
  }
}
