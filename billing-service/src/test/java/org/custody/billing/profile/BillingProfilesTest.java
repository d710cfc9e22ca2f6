package org.custody.billing.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.billing.testing.Samples.ADA;
import static org.custody.billing.testing.Samples.ADDRESS;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.custody.billing.testing.InMemoryBilling;
import org.custody.billing.testing.Samples;
import org.custody.platform.api.AccountName;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class BillingProfilesTest {
  private static final AccountName ACCOUNT = new AccountName("acme", "a1");
  private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
  private final InMemoryBilling billing = new InMemoryBilling(clock);

  @Test
  void P3_create_storesTheDetailsOnlySealed() {
    BillingProfile created = billing.profiles.create(ACCOUNT, ADA);
    BillingProfileStore.Sealed row = billing.profileStore.rows().get(0);
    for (String plaintext : List.of("Ada Lovelace", "Analytical Engines", "ada@example.org", "Crescent Road", "Oxford", "OX1 2JD")) {
      assertThat(Samples.contains(row.sealedDetails(), plaintext)).as(plaintext).isFalse();
    }
    assertThat(billing.profiles.get(ACCOUNT, created.id()).details()).isEqualTo(ADA);
  }

  @Test
  void create_missingRequiredFields_namesThem() {
    ProfileDetails empty = new ProfileDetails(" ", "", "", null);
    assertThatThrownBy(() -> billing.profiles.create(ACCOUNT, empty))
        .satisfies(e -> assertThat(Samples.fields(e)).containsExactly(
            "billing_profile.billing_name", "billing_profile.billing_email", "billing_profile.address"));
    assertThat(billing.profileStore.rows()).isEmpty();
  }

  @Test
  void get_anotherAccountsProfile_isNotFound() {
    BillingProfile created = billing.profiles.create(ACCOUNT, ADA);
    assertThatThrownBy(() -> billing.profiles.get(new AccountName("acme", "a2"), created.id()))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(e.reason()).isEqualTo("BILLING_PROFILE_NOT_FOUND");
        });
  }

  @Test
  void update_changesOnlyTheNamedFields() {
    BillingProfile created = billing.profiles.create(ACCOUNT, ADA);
    clock.advance(Duration.ofMinutes(1));
    BillingProfile updated = billing.profiles.update(ACCOUNT, created.id(),
        new ProfileChanges(Optional.empty(), Optional.of("Babbage & Co"), Optional.empty(), Optional.empty()));
    assertThat(updated.details()).isEqualTo(new ProfileDetails("Ada Lovelace", "Babbage & Co", "ada@example.org", ADDRESS));
    assertThat(updated.updateTime()).isAfter(created.updateTime());
    assertThat(billing.profiles.get(ACCOUNT, created.id()).details().company()).isEqualTo("Babbage & Co");
  }

  @Test
  void update_malformedAddress_isRefusedAndNothingChanges() {
    BillingProfile created = billing.profiles.create(ACCOUNT, ADA);
    PostalAddress bad = new PostalAddress(List.of("x"), "Berlin", "", "ABC", "DE");
    assertThatThrownBy(() -> billing.profiles.update(ACCOUNT, created.id(),
        new ProfileChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(bad))))
        .satisfies(e -> assertThat(Samples.fields(e)).containsExactly("billing_profile.address.postal_code"));
    assertThat(billing.profiles.get(ACCOUNT, created.id()).details()).isEqualTo(ADA);
  }

  @Test
  void list_pagesInCreationOrder() {
    for (int i = 0; i < 5; i++) {
      billing.profiles.create(ACCOUNT, ADA);
      clock.advance(Duration.ofSeconds(1));
    }
    Slice<BillingProfile> first = billing.profiles.list(ACCOUNT, "", 2);
    Slice<BillingProfile> second = billing.profiles.list(ACCOUNT, first.nextCursor().orElseThrow(), 2);
    Slice<BillingProfile> third = billing.profiles.list(ACCOUNT, second.nextCursor().orElseThrow(), 2);
    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).hasSize(2);
    assertThat(third.items()).hasSize(1);
    assertThat(third.nextCursor()).isEmpty();
    assertThat(first.items().get(1).createTime()).isBefore(second.items().get(0).createTime());
  }

  @Test
  void delete_removesTheProfile() {
    BillingProfile created = billing.profiles.create(ACCOUNT, ADA);
    billing.profiles.delete(ACCOUNT, created.id());
    assertThat(billing.profileStore.rows()).isEmpty();
    assertThatThrownBy(() -> billing.profiles.delete(ACCOUNT, created.id())).isInstanceOf(DomainException.class);
  }
}
