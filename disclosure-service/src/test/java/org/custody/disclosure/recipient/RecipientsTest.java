package org.custody.disclosure.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class RecipientsTest {
  private final Map<String, Recipient> saved = new HashMap<>();
  private final RecipientStore store = new RecipientStore() {
    @Override
    public void insertFirstVersion(Recipient recipient) {
      saved.put(recipient.id(), recipient);
    }

    @Override
    public Optional<Recipient> findCurrent(String id) {
      return Optional.ofNullable(saved.get(id));
    }
  };
  private final Recipients recipients = new Recipients(store, MutableClock.at("2026-11-27T10:00:00Z"));

  private static Recipient draft(RecipientKind kind, Optional<Recipient.Nda> nda, Optional<String> controller) {
    return new Recipient("r1", 0, " Mailer Inc ", kind, Set.of(Purpose.CONTACT), Set.of(DataCategory.USER_CONTACT_EMAIL),
        nda, controller, Optional.empty(), Instant.EPOCH);
  }

  @Test
  void P11_processorWithoutNda_isIncomplete() {
    assertThatThrownBy(() -> recipients.create(draft(RecipientKind.PROCESSOR_UNDER_NDA, Optional.empty(), Optional.empty())))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("recipient.nda"));
  }

  @Test
  void P11_affiliateWithoutControllingEntity_isIncomplete() {
    assertThatThrownBy(() -> recipients.create(draft(RecipientKind.AFFILIATE, Optional.empty(), Optional.empty())))
        .isInstanceOf(DomainException.class);
  }

  @Test
  void create_isVersionOne() {
    var nda = new Recipient.Nda("NDA-7", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
    Recipient created = recipients.create(draft(RecipientKind.PROCESSOR_UNDER_NDA, Optional.of(nda), Optional.empty()));
    assertThat(created.version()).isEqualTo(1);
    assertThat(created.displayName()).isEqualTo("Mailer Inc");
    assertThat(recipients.get("r1")).isEqualTo(created);
    assertThat(nda.validAt(Instant.parse("2026-11-27T10:00:00Z"))).isTrue();
    assertThat(nda.validAt(Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
  }
}
