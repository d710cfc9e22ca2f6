package org.custody.disclosure.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.custody.disclosure.ledger.InMemoryLedgerStore;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecipientsTest {
  private final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
  private final InMemoryLedgerStore ledgerStore = new InMemoryLedgerStore();
  private final Ledger ledger = new Ledger(new InMemoryTransactions(), ledgerStore, TreeHeadSigner.fromSeed(new byte[32]), clock, 16);
  private final Recipients recipients = new Recipients(new InMemoryRecipientStore(), ledger, clock);
  private static final Recipient.Nda NDA = new Recipient.Nda("NDA-7", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));

  @AfterEach
  void close() {
    ledger.close();
  }

  private static Recipient draft(RecipientKind kind, Optional<Recipient.Nda> nda, Optional<String> controller) {
    return new Recipient("r1", 0, " Mailer Inc ", kind, Set.of(Purpose.CONTACT), Set.of(DataCategory.USER_CONTACT_EMAIL),
        nda, controller, Optional.of("privacy@mailer.example"), Instant.EPOCH);
  }

  @Test
  void P11_processorWithoutNda_isIncomplete() {
    assertThatThrownBy(() -> recipients.create(draft(RecipientKind.PROCESSOR_UNDER_NDA, Optional.empty(), Optional.empty())))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("recipient.nda"));
  }

  @Test
  void P11_affiliateWithoutControllingEntity_isIncomplete() {
    assertThatThrownBy(() -> recipients.create(draft(RecipientKind.AFFILIATE, Optional.empty(), Optional.empty())))
        .isInstanceOfSatisfying(DomainException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("recipient.controlling_entity"));
  }

  @Test
  void create_isVersionOne_andRecordedInTheLedgerWithoutTheNoticeAddressOrFreeText() {
    Recipient created = recipients.create(draft(RecipientKind.PROCESSOR_UNDER_NDA, Optional.of(NDA), Optional.empty()));
    assertThat(created.version()).isEqualTo(1);
    assertThat(created.displayName()).isEqualTo("Mailer Inc");
    assertThat(recipients.get("r1")).isEqualTo(created);
    String entry = new String(ledgerStore.entries.get(0L).payload(), StandardCharsets.UTF_8);
    assertThat(entry).contains("\"type\":\"recipient.versioned\"").contains("\"version\":1").doesNotContain("NDA-7").doesNotContain("@")
        .containsPattern("\"reference\":\\{\"hmacSha256\":\"[0-9a-f]{64}\"}");
  }

  @Test
  void P11_update_makesANewVersion_andKeepsTheOldOnes() {
    recipients.create(draft(RecipientKind.PROCESSOR_UNDER_NDA, Optional.of(NDA), Optional.empty()));
    clock.advance(Duration.ofMinutes(1));
    Recipient changed = recipients.update("r1", Set.of(RecipientField.PERMITTED_PURPOSES),
        new Recipient("r1", 0, "ignored", RecipientKind.PROCESSOR_UNDER_NDA, Set.of(Purpose.BILLING), Set.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Instant.EPOCH));
    assertThat(changed.version()).isEqualTo(2);
    assertThat(changed.permittedPurposes()).containsExactly(Purpose.BILLING);
    assertThat(changed.displayName()).isEqualTo("Mailer Inc");
    assertThat(changed.nda()).contains(NDA);
    assertThat(recipients.versions("r1")).extracting(Recipient::version).containsExactly(1L, 2L);
    assertThat(recipients.version("r1", 1).permittedPurposes()).containsExactly(Purpose.CONTACT);
    assertThat(ledgerStore.entries).hasSize(2);
  }

  @Test
  void update_thatRemovesAProcessorsNda_isRefused() {
    recipients.create(draft(RecipientKind.PROCESSOR_UNDER_NDA, Optional.of(NDA), Optional.empty()));
    assertThatThrownBy(() -> recipients.update("r1", Set.of(RecipientField.NDA), draft(RecipientKind.PROCESSOR_UNDER_NDA, Optional.empty(),
        Optional.empty()))).isInstanceOf(DomainException.class);
    assertThat(recipients.get("r1").version()).isEqualTo(1);
  }

  @Test
  void nda_isValidFromStartUntilEnd() {
    assertThat(NDA.validAt(Instant.parse("2026-11-27T10:00:00Z"))).isTrue();
    assertThat(NDA.validAt(Instant.parse("2026-01-01T00:00:00Z"))).isTrue();
    assertThat(NDA.validAt(Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
  }

  @Test
  void forDecision_answersFromTheCacheForItsTtl_butSeesThisInstancesChangesAtOnce() {
    InMemoryRecipientStore store = new InMemoryRecipientStore();
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    Recipients cached = new Recipients(store, ledger, clock, Duration.ofSeconds(5), registry);
    Recipients otherInstance = new Recipients(store, ledger, clock);
    cached.create(draft(RecipientKind.PROCESSOR_UNDER_NDA, Optional.of(NDA), Optional.empty()));

    assertThat(cached.forDecision("r1").version()).isEqualTo(1);
    Recipient byOther = otherInstance.update("r1", Set.of(RecipientField.DISPLAY_NAME), draft(RecipientKind.PROCESSOR_UNDER_NDA,
        Optional.empty(), Optional.empty()));
    assertThat(cached.forDecision("r1").version()).as("another instance's change is seen only after the ttl").isEqualTo(1);
    clock.advance(Duration.ofSeconds(5));
    assertThat(cached.forDecision("r1").version()).isEqualTo(byOther.version());

    cached.update("r1", Set.of(RecipientField.DISPLAY_NAME), draft(RecipientKind.PROCESSOR_UNDER_NDA, Optional.empty(), Optional.empty()));
    assertThat(cached.forDecision("r1").version()).as("its own change at once").isEqualTo(byOther.version() + 1);
    assertThat(registry.get("cache.gets").tag("cache", "disclosure_recipients").tag("result", "hit").functionCounter().count())
        .isEqualTo(1);
  }
}
