package org.custody.platform.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.PostalAddress;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CreateErasureRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressScreenTest {
  @Test
  void P6_misplacedEmailAddresses_namesFieldsNotClassifiedForThem_andLeavesEmailFieldsAlone() {
    CreateBillingProfileRequest request = CreateBillingProfileRequest.newBuilder()
        .setParent("projects/acme/accounts/a1")
        .setBillingProfile(BillingProfile.newBuilder()
            .setBillingName("ada@example.com")
            .setCompany("Analytical Engines")
            .setBillingEmail("ada@example.com")
            .setAddress(PostalAddress.newBuilder().addAddressLines("1 Main St").addAddressLines("c/o ada%40example.com")))
        .build();
    assertThat(EmailAddressScreen.misplacedEmailAddresses(request))
        .containsExactly("billing_profile.billing_name", "billing_profile.address.address_lines[1]");
  }

  @Test
  void P6_misplacedEmailAddresses_subjectReferencesByEmail_areClassifiedForThem() {
    CreateErasureRequest request = CreateErasureRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setEmail("jo@example.org")).build();
    assertThat(EmailAddressScreen.misplacedEmailAddresses(request)).isEmpty();
  }

  @Test
  void P6_misplacedEmailAddresses_fieldsWhoseRuleMakesThemAnAddress_mayHoldOne() {
    var request = org.custody.proto.disclosure.v1.CreateRecipientRequest.newBuilder().setRecipientId("court")
        .setRecipient(org.custody.proto.disclosure.v1.Recipient.newBuilder().setDisplayName("Court").setNoticeEmail("registry@court.example"))
        .build();
    assertThat(EmailAddressScreen.misplacedEmailAddresses(request)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jane@example.com", "write to Jane.Doe+news@mail.example.co.uk today", "jane%40example.com", "zoë@exämple.de"})
  void containsEmailAddress_findsAddresses(String text) {
    assertThat(EmailAddresses.containsEmailAddress(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "@handle", "price @ 5 EUR", "user@localhost", "Ada Lovelace"})
  void containsEmailAddress_leavesOtherTextAlone(String text) {
    assertThat(EmailAddresses.containsEmailAddress(text)).isFalse();
  }
}
