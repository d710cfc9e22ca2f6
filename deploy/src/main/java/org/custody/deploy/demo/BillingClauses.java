package org.custody.deploy.demo;

import io.grpc.StatusRuntimeException;
import java.time.Year;
import java.util.UUID;
import org.custody.platform.access.Purpose;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.CardBrand;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.CreatePaymentMethodRequest;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.PostalAddress;

/** P3: billing address and payment data, isolated and encrypted; card numbers never accepted. */
final class BillingClauses {
  private final DemoContext c;

  BillingClauses(DemoContext c) {
    this.c = c;
  }

  private BillingServiceGrpc.BillingServiceBlockingStub billing() {
    return c.asSubject(c.clients.stub("billing", BillingServiceGrpc::newBlockingStub, "frontend", Purpose.BILLING));
  }

  private CreatePaymentMethodRequest.Builder card(String token) {
    return CreatePaymentMethodRequest.newBuilder().setParent(c.account).setProcessor("stripe").setProcessorToken(token)
        .setBrand(CardBrand.CARD_BRAND_VISA).setLast4("4242").setExpMonth(12).setExpYear(Year.now().getValue() + 2)
        .setMakeDefault(true).setRequestId(UUID.randomUUID().toString());
  }

  void p3Billing() {
    c.narrator.clause("P3", "Billing address and payment information live only in billing, encrypted; cards only as processor tokens");
    c.narrator.asked("frontend CreateBillingProfile(billing name, e-mail, postal address) and CreatePaymentMethod(processor token, VISA, last4 4242)");
    BillingProfile profile = billing().createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(c.account)
        .setBillingProfile(BillingProfile.newBuilder().setBillingName("Jane Doe").setCompany("Example Ltd")
            .setBillingEmail(c.email)
            .setAddress(PostalAddress.newBuilder().addAddressLines("1 Example Street").setLocality("Springfield")
                .setPostalCode("12345").setRegionCode("DE")))
        .setRequestId(UUID.randomUUID().toString()).build()).getBillingProfile();
    c.billingProfile = profile.getName();
    var method = billing().createPaymentMethod(card("tok_demo_" + c.run).build()).getPaymentMethod();
    c.narrator.answered("profile " + profile.getName() + "; payment method " + method.getBrand() + " *" + method.getLast4()
        + " exp " + method.getExpMonth() + "/" + method.getExpYear() + " default=" + method.getIsDefault() + " (the token is never returned)");
    String refused;
    try {
      billing().createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(c.account)
          .setBillingProfile(BillingProfile.newBuilder().setBillingName("Jane Doe").setBillingEmail(c.email)
              .setAddress(PostalAddress.newBuilder().addAddressLines("card 4111 1111 1111 1111").setLocality("Springfield")
                  .setPostalCode("12345").setRegionCode("DE")))
          .setRequestId(UUID.randomUUID().toString()).build());
      refused = "OK";
    } catch (StatusRuntimeException e) {
      refused = Narrator.describe(e);
    }
    c.narrator.asked("CreateBillingProfile with a card number typed into the address");
    c.narrator.answered(refused);
    c.narrator.why("personal billing fields are encrypted under the subject's own AES-256-GCM data key (wrapped by a versioned "
        + "key-encryption key); there is no field for a card number or CVV, and every service refuses a card number (grouped, "
        + "percent-encoded, in any script's digits) in any field but the processor token, without storing or logging it");
    c.narrator.expect(refused.contains("CARD_NUMBER_NOT_ACCEPTED"), "a card number is refused");

    String withoutSession;
    try {
      c.clients.stub("billing", BillingServiceGrpc::newBlockingStub, "frontend", Purpose.BILLING)
          .getBillingProfile(GetBillingProfileRequest.newBuilder().setName(c.billingProfile).build());
      withoutSession = "OK";
    } catch (StatusRuntimeException e) {
      withoutSession = Narrator.describe(e);
    }
    c.narrator.asked("frontend GetBillingProfile of the demo subject's profile without the subject's session");
    c.narrator.answered(withoutSession);
    c.narrator.why("every front-end call on one person's data carries that person's session (x-custody-session); billing asks "
        + "identity whose it is (cached for seconds) and answers only the session of the subject the request names");
    c.narrator.expect(withoutSession.contains("SESSION_REQUIRED"), "a front-end read without the subject's session is refused");
    staffReadIsRecorded();
  }

  /** Issue 13 §5: a staff read of one subject's data is a ledger entry the subject will see in their export. */
  private void staffReadIsRecorded() {
    var profile = c.clients.stub("billing", BillingServiceGrpc::newBlockingStub, "operator", Purpose.BILLING)
        .getBillingProfile(GetBillingProfileRequest.newBuilder().setName(c.billingProfile).build()).getBillingProfile();
    c.clients.stub("identity", org.custody.proto.identity.v1.IdentityServiceGrpc::newBlockingStub, "operator", Purpose.SECURITY_FRAUD)
        .getAccount(org.custody.proto.identity.v1.GetAccountRequest.newBuilder().setName(c.account).build());
    var entries = c.clients.stub("disclosure", org.custody.proto.disclosure.v1.LedgerServiceGrpc::newBlockingStub, "operator",
        Purpose.LEGAL_COMPLIANCE).listLedgerEntries(org.custody.proto.disclosure.v1.ListLedgerEntriesRequest.newBuilder()
        .setPageSize(1000).build()).getEntriesList().stream().filter(e -> e.getEntryType().equals("staff.accessed"))
        .filter(e -> e.getPayload().toStringUtf8().contains(c.account)).toList();
    c.narrator.asked("operator GetAccount and GetBillingProfile of the demo subject (staff tooling, no session)");
    c.narrator.answered(profile.getName().equals(c.billingProfile) && !entries.isEmpty()
        ? "OK, after ledger#" + entries.get(entries.size() - 1).getIndex() + " staff.accessed (caller, method, purpose, categories; no data)"
        : "no staff.accessed entry names the demo subject");
    c.narrator.why("staff keep their policy-based access, but every read of one person's data is first recorded in the disclosure "
        + "ledger (refused if it cannot be), and the person's export lists it with its inclusion proof");
    c.narrator.expect(entries.size() >= 2, "each staff read is a ledger entry naming the subject");
  }
}
