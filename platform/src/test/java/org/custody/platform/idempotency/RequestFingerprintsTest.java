package org.custody.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
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

  /** The HMAC-SHA-256 of the request's deterministic serialisation without its password, computed from scratch. */
  private static byte[] expected(CreateAccountRequest request, byte[] key) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    com.google.protobuf.CodedOutputStream out = com.google.protobuf.CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    request.toBuilder().clearPassword().build().writeTo(out);
    out.flush();
    return mac.doFinal(bytes.toByteArray());
  }

  /** One instance serves many threads and calls, each fingerprint as if computed alone (the per-thread MAC is reset between calls). */
  @Test
  void of_manyCallsOnManyThreads_eachIsTheHmacOfItsOwnRequest() throws Exception {
    RequestFingerprints fingerprints = new RequestFingerprints(KEY);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            CreateAccountRequest request = REQUEST.toBuilder().setEmail("user" + thread + "-" + i + "@example.com").build();
            if (!Arrays.equals(fingerprints.of(request), expected(request, KEY))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (java.util.concurrent.Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
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
