package org.custody.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectField;
import org.custody.proto.common.v1.SubjectRecord;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.junit.jupiter.api.Test;

class RequestFingerprintsTest {
  private static final byte[] KEY = key(1);
  private static final CreateAccountRequest REQUEST = CreateAccountRequest.newBuilder()
      .setParent("projects/acme").setFullName("Jane Roe").setCompany("Roe Ltd").setEmail("jane@example.com")
      .setPassword("correct horse battery staple").setRequestId("8a4e1a7e-0c55-4c3e-9a43-5d2f06a0c001").build();

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) seed);
    return key;
  }

  @Test
  void of_sameRequest_sameFingerprint() {
    assertThat(new RequestFingerprints(KEY).of(REQUEST)).isEqualTo(new RequestFingerprints(KEY).of(REQUEST.toBuilder().build()));
  }

  @Test
  void of_otherPersonalValue_otherFingerprint() {
    RequestFingerprints fingerprints = new RequestFingerprints(KEY);
    assertThat(fingerprints.of(REQUEST.toBuilder().setEmail("john@example.com").build())).isNotEqualTo(fingerprints.of(REQUEST));
  }

  @Test
  void of_isKeyed_notAPlainHashOfTheRequest() throws Exception {
    byte[] plain = MessageDigest.getInstance("SHA-256").digest(REQUEST.toByteArray());
    byte[] plainWithoutPassword = MessageDigest.getInstance("SHA-256").digest(REQUEST.toBuilder().clearPassword().build().toByteArray());
    byte[] keyed = new RequestFingerprints(KEY).of(REQUEST);
    assertThat(keyed).hasSize(32).isNotEqualTo(plain).isNotEqualTo(plainWithoutPassword);
    assertThat(new RequestFingerprints(key(2)).of(REQUEST)).isNotEqualTo(keyed);
  }

  @Test
  void of_leavesCredentialsOut() {
    RequestFingerprints fingerprints = new RequestFingerprints(KEY);
    assertThat(fingerprints.of(REQUEST.toBuilder().setPassword("another password entirely").build()))
        .isEqualTo(fingerprints.of(REQUEST))
        .isEqualTo(fingerprints.of(REQUEST.toBuilder().clearPassword().build()));
  }

  @Test
  void withoutCredentials_clearsNestedValuesLabelledAsCredentials() {
    SubjectField credential = SubjectField.newBuilder().setName("token")
        .setCategory(DataCategory.DATA_CATEGORY_USER_AUTHORIZATION_CREDENTIALS).setValue("s3cr3t-token").build();
    SubjectField email = SubjectField.newBuilder().setName("email")
        .setCategory(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL).setValue("jane@example.com").build();
    ExportSubjectDataResponse message = ExportSubjectDataResponse.newBuilder()
        .addRecords(SubjectRecord.newBuilder().setKind("session").addFields(credential).addFields(email)).build();

    ExportSubjectDataResponse stripped = (ExportSubjectDataResponse) RequestFingerprints.withoutCredentials(message);

    assertThat(stripped.getRecords(0).getFields(0).getValue()).isEmpty();
    assertThat(stripped.getRecords(0).getFields(1).getValue()).isEqualTo("jane@example.com");
  }

  @Test
  void withoutCredentials_messageWithoutCredentials_isKeptAsIs() {
    var survey = org.custody.proto.analytics.v1.CreateSurveyRequest.newBuilder().setParent("projects/acme").build();
    assertThat(RequestFingerprints.withoutCredentials(survey)).isSameAs(survey);
  }

  @Test
  void shortKey_isRefused() {
    assertThatThrownBy(() -> new RequestFingerprints(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }
}
