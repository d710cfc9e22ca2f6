package org.custody.platform.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.CreatePaymentMethodRequest;
import org.custody.proto.billing.v1.PostalAddress;
import org.custody.proto.analytics.v1.CreateSurveyRequest;
import org.custody.proto.analytics.v1.PageView;
import org.custody.proto.analytics.v1.Question;
import org.custody.proto.analytics.v1.RecordPageViewsRequest;
import org.custody.proto.analytics.v1.Survey;
import org.custody.proto.analytics.v1.VisitorHint;
import org.junit.jupiter.api.Test;

class CardNumberScreenTest {
  @Test
  void P3_fieldsWithCardNumbers_namesEveryNestedTextFieldThatHoldsOne() {
    CreateBillingProfileRequest request = CreateBillingProfileRequest.newBuilder()
        .setParent("projects/acme/accounts/a1")
        .setBillingProfile(BillingProfile.newBuilder()
            .setBillingName("Ada 4111 1111 1111 1111")
            .setCompany("Analytical Engines")
            .setAddress(PostalAddress.newBuilder()
                .addAddressLines("1 Main St")
                .addAddressLines("4111-1111-1111-1111 exp 12/30")
                .setLocality("London")
                .setRegionCode("GB")))
        .build();
    assertThat(CardNumberScreen.fieldsWithCardNumbers(request))
        .containsExactly("billing_profile.billing_name", "billing_profile.address.address_lines[1]");
  }

  @Test
  void P3_credentials_mayHoldCardLikeDigits_theyAreOnlyEverHashed() {
    org.custody.proto.identity.v1.LoginRequest login = org.custody.proto.identity.v1.LoginRequest.newBuilder()
        .setProject("projects/acme").setEmail("ada@example.com").setPassword("my card 4111 1111 1111 1111 is not my password").build();
    assertThat(CardNumberScreen.fieldsWithCardNumbers(login)).isEmpty();
    assertThat(CardNumberScreen.fieldsWithCardNumbers(login.toBuilder().setProject("projects/4111111111111111").build()))
        .containsExactly("project");
  }

  @Test
  void P3_fieldsWithCardNumbers_lookIntoUnknownFields() {
    var request = org.custody.proto.billing.v1.ListKeyVersionsRequest.newBuilder()
        .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder().addField(99, com.google.protobuf.UnknownFieldSet.Field.newBuilder()
            .addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("4111 1111 1111 1111")).build()).build())
        .build();
    assertThat(CardNumberScreen.fieldsWithCardNumbers(request)).containsExactly("99");
  }

  @Test
  void fieldsWithCardNumbers_cleanRequest_isEmpty() {
    CreatePaymentMethodRequest request = CreatePaymentMethodRequest.newBuilder()
        .setParent("projects/acme/accounts/a1").setProcessor("stripe").setProcessorToken("pm_1NabcDEF")
        .setLast4("1111").setExpMonth(12).setExpYear(2030)
        .setRequestId("41111111-1111-4111-8111-111111111111") // a UUID: its dashes are not card grouping
        .build();
    assertThat(CardNumberScreen.fieldsWithCardNumbers(request)).isEmpty();
  }

  @Test
  void P3_fieldsWithCardNumbers_processorTokenField_isExempt() {
    // Network tokens have the shape of a card number; the contract marks the field.
    CreatePaymentMethodRequest request = CreatePaymentMethodRequest.newBuilder()
        .setParent("projects/acme/accounts/a1").setProcessor("stripe").setProcessorToken("4111111111111111").build();
    assertThat(CardNumberScreen.fieldsWithCardNumbers(request)).isEmpty();
  }

  @Test
  void P3_fieldsWithCardNumbers_pageViewFieldsRedactedByAnalytics_areExempt() {
    RecordPageViewsRequest request = RecordPageViewsRequest.newBuilder()
        .setProject("projects/acme")
        .addViews(PageView.newBuilder().setUrl("/pay/4111-1111-1111-1111").setReferrer("https://x.example/?c=4111111111111111")
            .setVisitor(VisitorHint.newBuilder().setIpAddress("192.0.2.1").setUserAgent("agent 4111111111111111")))
        .build();
    assertThat(CardNumberScreen.fieldsWithCardNumbers(request)).isEmpty();
  }

  @Test
  void P3_fieldsWithCardNumbers_everyFormInEveryRepeatedElement() {
    CreateSurveyRequest request = CreateSurveyRequest.newBuilder()
        .setParent("projects/acme")
        .setSurvey(Survey.newBuilder().setTitle("Feedback")
            .addQuestions(Question.newBuilder().setQuestionId("q1").setText("4111%201111%201111%201111")
                .addOptions("yes").addOptions("٤١١١١١١١١١١١١١١١")))
        .build();
    assertThat(CardNumberScreen.fieldsWithCardNumbers(request))
        .containsExactly("survey.questions[0].text", "survey.questions[0].options[1]");
  }
}
