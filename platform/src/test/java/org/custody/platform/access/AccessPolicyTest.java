package org.custody.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private static AccessPolicy parse(String yaml) {
    return AccessPolicy.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  private static final String POLICY = """
      service: test
      methods:
        custody.common.v1.SubjectDataService/ExportSubjectData:
          disclosure: [SUBJECT_REQUEST, PURPOSE_LEGAL_COMPLIANCE]
      """;

  @Test
  void decide_allowsOnlyListedCallerAndPurpose() {
    AccessPolicy policy = parse(POLICY);
    String export = "custody.common.v1.SubjectDataService/ExportSubjectData";
    assertThat(policy.decide(export, "disclosure", Purpose.SUBJECT_REQUEST)).isEqualTo(AccessPolicy.Outcome.ALLOWED);
    assertThat(policy.decide(export, "disclosure", Purpose.LEGAL_COMPLIANCE)).isEqualTo(AccessPolicy.Outcome.ALLOWED);
    assertThat(policy.decide(export, "disclosure", Purpose.RESEARCH)).isEqualTo(AccessPolicy.Outcome.PURPOSE_NOT_ALLOWED);
    assertThat(policy.decide(export, "frontend", Purpose.SUBJECT_REQUEST)).isEqualTo(AccessPolicy.Outcome.CALLER_NOT_ALLOWED);
    assertThat(policy.decide("custody.common.v1.SubjectDataService/EraseSubjectData", "disclosure", Purpose.SUBJECT_REQUEST))
        .isEqualTo(AccessPolicy.Outcome.METHOD_NOT_IN_POLICY);
  }

  @Test
  void unknownPurpose_failsAtLoad() {
    assertThatThrownBy(() -> parse("""
        service: test
        methods:
          a.B/C:
            frontend: [SELLING]
        """)).hasMessageContaining("unknown purpose SELLING");
  }

  @Test
  void checkCovers_refusesMethodsTheServerDoesNotServe() {
    AccessPolicy policy = parse("""
        service: test
        methods:
          custody.common.v1.SubjectDataService/ExportSubjectDatta:
            disclosure: [SUBJECT_REQUEST]
        """);
    var service = new SubjectDataServiceGrpc.SubjectDataServiceImplBase() {}.bindService();
    assertThatThrownBy(() -> policy.checkCovers(java.util.List.of(service))).hasMessageContaining("ExportSubjectDatta");
    parse(POLICY).checkCovers(java.util.List.of(service));
  }
}
