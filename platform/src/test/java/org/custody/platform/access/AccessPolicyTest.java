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

  @Test
  void P6_subjectKey_declaresTheBinding_andIsNotACaller() {
    AccessPolicy policy = parse("""
        service: test
        methods:
          custody.common.v1.SubjectDataService/ExportSubjectData:
            frontend: [SUBJECT_REQUEST]
            subject: subject.account
          custody.common.v1.SubjectDataService/EraseSubjectData:
            frontend: [SUBJECT_REQUEST]
            subject: {field: subject.account, optional: true}
          a.B/C:
            frontend: [SUBJECT_REQUEST]
            subject: {checked_by: service}
          a.B/D:
            operator: [SUBJECT_REQUEST]
        """);
    String export = "custody.common.v1.SubjectDataService/ExportSubjectData";
    assertThat(policy.subjectBinding(export)).contains(SubjectBinding.onField("subject.account"));
    assertThat(policy.subjectBinding("custody.common.v1.SubjectDataService/EraseSubjectData").orElseThrow().optional()).isTrue();
    assertThat(policy.subjectBinding("a.B/C")).contains(SubjectBinding.checkedByService());
    assertThat(policy.subjectBinding("a.B/D")).isEmpty();
    assertThat(policy.rulesFor(export)).containsOnlyKeys("frontend");
    assertThat(policy.callers()).doesNotContain("subject");
    assertThat(policy.decide(export, "subject", Purpose.SUBJECT_REQUEST)).isEqualTo(AccessPolicy.Outcome.CALLER_NOT_ALLOWED);
    assertThat(policy.bindsSubjects()).isTrue();
    var service = new SubjectDataServiceGrpc.SubjectDataServiceImplBase() {}.bindService();
    org.custody.platform.session.SubjectBindingInterceptor.checkFields(policy, java.util.List.of(service));
  }

  @Test
  void P6_subjectBindingToAFieldTheRequestLacks_failsAtStart() {
    assertThatThrownBy(() -> parse("""
        service: test
        methods:
          a.B/C:
            frontend: [SUBJECT_REQUEST]
            subject: {optional: true}
        """)).hasMessageContaining("a.B/C / subject");
    AccessPolicy typo = parse("""
        service: test
        methods:
          custody.common.v1.SubjectDataService/ExportSubjectData:
            frontend: [SUBJECT_REQUEST]
            subject: subject.acount
        """);
    var service = new SubjectDataServiceGrpc.SubjectDataServiceImplBase() {}.bindService();
    assertThatThrownBy(() -> org.custody.platform.session.SubjectBindingInterceptor.checkFields(typo, java.util.List.of(service)))
        .hasMessageContaining("subject.acount");
  }
}
