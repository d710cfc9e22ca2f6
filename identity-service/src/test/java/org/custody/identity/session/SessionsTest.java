package org.custody.identity.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import org.custody.identity.metrics.IdentityMetrics;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** The session rules (P12) with a clock moved by hand. */
class SessionsTest {
  private final MutableClock clock = MutableClock.at("2026-11-27T09:00:00Z");
  private final InMemorySessionStore store = new InMemorySessionStore();
  private final Map<IdentityMetrics.SessionEnd, Integer> ended = new EnumMap<>(IdentityMetrics.SessionEnd.class);
  private final IdentityMetrics metrics = new IdentityMetrics() {
    @Override
    public void login(LoginOutcome outcome) {}

    @Override
    public void sessionsEnded(SessionEnd reason, int count) {
      ended.merge(reason, count, Integer::sum);
    }
  };
  private final SessionSettings settings = SessionSettings.defaults();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Sessions sessions = new Sessions(store, settings, metrics, clock, new SecureRandom(), Runnable::run, registry);

  private static void assertUnauthenticated(Runnable call, String reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
      assertThat(e.reason()).isEqualTo(reason);
    });
  }

  @Test
  void P12_tokenIs32RandomBytesAndOnlyItsSha256IsStored() {
    OpenedSession opened = sessions.open("acme", "a1");
    byte[] raw = Base64.getUrlDecoder().decode(opened.token());
    assertThat(raw).hasSize(32);
    Session stored = store.all().get(0);
    assertThat(stored.tokenHash()).isEqualTo(SessionToken.sha256(raw));
    assertThat(stored.toString()).doesNotContain(opened.token());
    assertThat(sessions.open("acme", "a1").token()).isNotEqualTo(opened.token());
  }

  @Test
  void P12_sessionCookieHasNoExpiry() {
    SessionCookie cookie = sessions.open("acme", "a1").cookie();
    assertThat(cookie.setCookieHeader()).doesNotContainIgnoringCase("expires").doesNotContainIgnoringCase("max-age")
        .contains("HttpOnly").contains("Secure").contains("SameSite=Lax").contains("Path=/");
  }

  @Test
  void P12_idleSessionExpires() {
    String token = sessions.open("acme", "a1").token();
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.validate(token).accountId()).isEqualTo("a1");
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.validate(token).accountId()).isEqualTo("a1");
    clock.advance(Duration.ofMinutes(30));
    assertUnauthenticated(() -> sessions.validate(token), "SESSION_EXPIRED");
  }

  @Test
  void P12_activityNeverExtendsTheAbsoluteLifetime() {
    OpenedSession opened = sessions.open("acme", "a1");
    for (int i = 0; i < 12 * 4 - 1; i++) {
      clock.advance(Duration.ofMinutes(15));
      assertThat(sessions.validate(opened.token()).expireTime()).isEqualTo(opened.principal().expireTime());
    }
    clock.advance(Duration.ofMinutes(15));
    assertUnauthenticated(() -> sessions.validate(opened.token()), "SESSION_EXPIRED");
  }

  @Test
  void validate_writesActivityAtMostOncePerMinute() {
    String token = sessions.open("acme", "a1").token();
    for (int second = 0; second < 180; second++) {
      sessions.validate(token);
      sessions.flushActivity();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(store.activityWrites.get()).isBetween(2, 3);
    assertThat(store.all().get(0).lastActiveTime()).isAfter(store.all().get(0).createTime());
  }

  @Test
  void validate_answersFromMemoryWithinTheCacheTtl() {
    String token = sessions.open("acme", "a1").token();
    for (int i = 0; i < 100; i++) {
      sessions.validate(token);
    }
    assertThat(store.tokenLookups.get()).isZero();
    clock.advance(settings.cacheTtl());
    sessions.validate(token);
    assertThat(store.tokenLookups.get()).isEqualTo(1);
  }

  @Test
  void validate_seesARevocationByAnotherInstanceOnceTheCacheTtlPasses() {
    OpenedSession opened = sessions.open("acme", "a1");
    sessions.validate(opened.token());
    store.end(opened.session().id(), clock.instant(), Session.EndReason.REVOKED); // as another instance would
    assertThat(sessions.validate(opened.token()).sessionId()).isEqualTo(opened.session().id());
    clock.advance(settings.cacheTtl());
    assertUnauthenticated(() -> sessions.validate(opened.token()), "SESSION_REVOKED");
  }

  @Test
  void validate_unknownOrMalformedToken_isSessionUnknown() {
    assertUnauthenticated(() -> sessions.validate("not-a-token"), "SESSION_UNKNOWN");
    assertUnauthenticated(() -> sessions.validate(SessionToken.generate(new SecureRandom())), "SESSION_UNKNOWN");
  }

  @Test
  void revoke_takesEffectImmediatelyDespiteTheCache() {
    OpenedSession opened = sessions.open("acme", "a1");
    sessions.validate(opened.token());
    sessions.revoke("acme", "a1", opened.session().id());
    assertUnauthenticated(() -> sessions.validate(opened.token()), "SESSION_REVOKED");
    assertThat(ended).containsEntry(IdentityMetrics.SessionEnd.REVOKED, 1);
  }

  @Test
  void logout_endsTheSessionAndCountsALogout() {
    String token = sessions.open("acme", "a1").token();
    sessions.validate(token);
    sessions.logout(token);
    assertUnauthenticated(() -> sessions.validate(token), "SESSION_REVOKED");
    assertThat(ended).containsEntry(IdentityMetrics.SessionEnd.LOGOUT, 1);
  }

  @Test
  void revokeAllExcept_keepsOneAndEndsTheOthers() {
    OpenedSession keep = sessions.open("acme", "a1");
    String other = sessions.open("acme", "a1").token();
    String elsewhere = sessions.open("acme", "a2").token();
    sessions.validate(other);
    assertThat(sessions.revokeAllExcept("acme", "a1", keep.session().id())).isEqualTo(1);
    assertThat(sessions.validate(keep.token()).sessionId()).isEqualTo(keep.session().id());
    assertUnauthenticated(() -> sessions.validate(other), "SESSION_REVOKED");
    assertThat(sessions.validate(elsewhere).accountId()).isEqualTo("a2");
  }

  @Test
  void revoke_unknownSession_isNotFound() {
    assertThatThrownBy(() -> sessions.revoke("acme", "a1", "nope"))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void P12_sweepDeletesExpiredSessionsWithinADayAndCountsThem() {
    sessions.open("acme", "a1");
    String live = sessions.open("acme", "a2").token();
    clock.advance(Duration.ofMinutes(20));
    sessions.validate(live);
    sessions.flushActivity();
    clock.advance(Duration.ofMinutes(12));
    assertThat(sessions.countLive()).isEqualTo(1);
    assertThat(sessions.sweep()).isZero(); // idled out two minutes ago: still within the grace period
    clock.advance(Duration.ofHours(1));
    assertThat(sessions.sweep()).isEqualTo(2);
    assertThat(store.all()).isEmpty();
    assertThat(ended).containsEntry(IdentityMetrics.SessionEnd.EXPIRED, 2);
  }

  @Test
  void list_showsLiveSessionsWithoutTokens() {
    OpenedSession one = sessions.open("acme", "a1");
    sessions.open("acme", "a1");
    sessions.revoke("acme", "a1", one.session().id());
    assertThat(sessions.list("acme", "a1", "", 10).items()).hasSize(1);
  }

  @Test
  void P12_validationAnswersFromTheMeteredCache_andARevocationEndsItAtOnce() {
    OpenedSession opened = sessions.open("acme", "a1");
    for (int i = 0; i < 3; i++) {
      sessions.validate(opened.token());
    }
    assertThat(registry.get("cache.gets").tag("cache", "identity_sessions").tag("result", "hit").functionCounter().count())
        .isEqualTo(3);
    sessions.revoke("acme", "a1", opened.session().id());
    assertUnauthenticated(() -> sessions.validate(opened.token()), "SESSION_REVOKED");
    assertThat(registry.get("cache.gets").tag("cache", "identity_sessions").tag("result", "miss").functionCounter().count())
        .as("the revoked session was read again, not answered from memory").isEqualTo(1);
  }

  @Test
  void P12_aSessionInUseStaysLive_whileItsActivityIsStillOnItsWayToTheDatabase() {
    OpenedSession opened = sessions.open("acme", "a1");
    clock.advance(Duration.ofMinutes(20));
    sessions.validate(opened.token()); // activity noted in memory, to be flushed
    store.beforeRecordingActivity = () -> {
      // The flush took the activity out of memory and the database does not have it yet: the
      // store still says the session was last active 40 minutes ago, past the idle timeout.
      clock.advance(Duration.ofMinutes(20));
      assertThat(sessions.validate(opened.token()).accountId()).isEqualTo("a1");
    };
    sessions.flushActivity();
  }
}
