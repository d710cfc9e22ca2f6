package org.custody.platform.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.custody.platform.api.AccountName;
import org.junit.jupiter.api.Test;

class SubjectTest {
  @Test
  void account_namesTheProjectAndTheAccount_inBothForms() {
    Subject ann = Subject.account("projects/acme/accounts/ann");

    assertThat(ann.project()).isEqualTo("projects/acme");
    assertThat(ann.projectId()).isEqualTo("acme");
    assertThat(ann.account()).contains("projects/acme/accounts/ann");
    assertThat(ann.accountName()).contains(new AccountName("acme", "ann"));
    assertThat(ann.accountId()).contains("ann");
    assertThat(ann.email()).isEmpty();
    assertThat(Subject.account(new AccountName("acme", "ann"))).isEqualTo(ann);
  }

  @Test
  void account_ofSomethingElse_isRefused() {
    assertThatThrownBy(() -> Subject.account("projects/acme/contacts/c1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void email_isCanonical_soOnePersonIsOneSubjectHoweverTheyTypeIt() {
    Subject hana = Subject.email("projects/acme", "  Hana.Example@Example.ORG ");

    assertThat(hana.email()).contains("hana.example@example.org");
    assertThat(hana).isEqualTo(Subject.email("projects/acme", "hana.example@example.org"));
    assertThat(hana.projectId()).isEqualTo("acme");
    assertThat(hana.account()).isEmpty();
    assertThat(hana.accountName()).isEmpty();
    assertThat(hana.accountId()).isEmpty();
  }

  @Test
  void exactlyOneOfAccountAndEmail() {
    assertThatThrownBy(() -> new Subject("projects/acme", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Subject("projects/acme", Optional.of("projects/acme/accounts/ann"), Optional.of("ann@example.org")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Subject(null, Optional.of("projects/acme/accounts/ann"), Optional.empty()))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void key_isTheAccountName_orTheProjectsEmailsPath_andReadsBack() {
    Subject ann = Subject.account("projects/acme/accounts/ann");
    Subject carol = Subject.email("projects/acme", "Carol@Example.org");

    assertThat(ann.key()).isEqualTo("projects/acme/accounts/ann");
    assertThat(carol.key()).isEqualTo("projects/acme/emails/carol@example.org");
    assertThat(Subject.fromKey(ann.key())).isEqualTo(ann);
    assertThat(Subject.fromKey(carol.key())).isEqualTo(carol);
  }

  @Test
  void toString_neverPrintsTheAddress() {
    assertThat(Subject.email("projects/acme", "carol@example.org").toString())
        .isEqualTo("Subject[projects/acme/emails/<redacted>]")
        .doesNotContain("carol");
    assertThat(Subject.account("projects/acme/accounts/ann").toString()).isEqualTo("Subject[projects/acme/accounts/ann]");
  }
}
