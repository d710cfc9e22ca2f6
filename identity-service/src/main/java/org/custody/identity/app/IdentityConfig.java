package org.custody.identity.app;

import java.time.Duration;
import org.custody.identity.credential.Argon2Parameters;
import org.custody.identity.factor.WebAuthnSettings;
import org.custody.identity.login.ThrottleSettings;
import org.custody.identity.session.SessionCookie;
import org.custody.identity.session.SessionSettings;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.EnvReader;
import org.custody.platform.mail.MailSettings;

/**
 * The identity service's configuration, read once at start.
 *
 * @param common ports, auth, database, home (see CommonConfig)
 * @param argon2 the Argon2id cost for new hashes (never below OWASP's minimum)
 * @param hashingThreads threads of the password-hashing pool
 * @param hashingQueue password operations that may wait for a hashing thread before new ones are refused
 * @param passwordMinScore the zxcvbn score (0..4) a new password must reach
 * @param sessions session timeouts, cache and cookie name
 * @param throttle failed-login throttling
 * @param sweepInterval how often expired sessions, tokens, challenges and stale throttle states are deleted
 * @param mail the SMTP relay and outbox pace, the same variables as the disclosure service's
 * @param accountLinks where the front end's account pages are: mailed links are {@code <accountLinks>/verify#token=...}
 *     and {@code <accountLinks>/recovery#token=...}
 * @param registrationWithoutEnumeration a registration of a taken address answers as a new one would (and mails the holder)
 * @param answerFloor the least time StartRecovery takes to answer, so a known and an unknown address answer alike
 * @param webAuthn the relying party WebAuthn credentials are bound to (CUSTODY_WEBAUTHN_RP_ID, _RP_NAME, _ORIGINS)
 */
public record IdentityConfig(CommonConfig common, Argon2Parameters argon2, int hashingThreads, int hashingQueue,
    int passwordMinScore, SessionSettings sessions, ThrottleSettings throttle, Duration sweepInterval, MailSettings mail,
    String accountLinks, boolean registrationWithoutEnumeration, Duration answerFloor, WebAuthnSettings webAuthn) {
  public static final int DEFAULT_GRPC_PORT = 7001;
  public static final int DEFAULT_METRICS_PORT = 9401;

  public static final String DEFAULT_MAIL_FROM = "accounts@localhost";
  public static final String DEFAULT_ACCOUNT_LINKS = "http://localhost:8080/account";

  /** The defaults around {@code common} (tests), sending mail to {@code mail}. */
  public static IdentityConfig withDefaults(CommonConfig common, MailSettings mail) {
    return new IdentityConfig(common, Argon2Parameters.OWASP_MINIMUM, defaultHashingThreads(), 256, 2,
        SessionSettings.defaults(), ThrottleSettings.defaults(), Duration.ofHours(1), mail, DEFAULT_ACCOUNT_LINKS, true,
        Duration.ofMillis(250), WebAuthnSettings.defaults());
  }

  /** A copy with other throttling (tests). */
  public IdentityConfig withThrottle(ThrottleSettings other) {
    return new IdentityConfig(common, argon2, hashingThreads, hashingQueue, passwordMinScore, sessions, other, sweepInterval, mail,
        accountLinks, registrationWithoutEnumeration, answerFloor, webAuthn);
  }

  /** A copy with another Argon2id cost (tests). */
  public IdentityConfig withArgon2(Argon2Parameters other) {
    return new IdentityConfig(common, other, hashingThreads, hashingQueue, passwordMinScore, sessions, throttle, sweepInterval, mail,
        accountLinks, registrationWithoutEnumeration, answerFloor, webAuthn);
  }

  /** A copy with the registration option set (tests). */
  public IdentityConfig withRegistrationWithoutEnumeration(boolean enabled) {
    return new IdentityConfig(common, argon2, hashingThreads, hashingQueue, passwordMinScore, sessions, throttle, sweepInterval, mail,
        accountLinks, enabled, answerFloor, webAuthn);
  }

  /**
   * One hashing thread per core: a login's cost is almost all Argon2id, so this is what makes
   * logins as fast as the machine allows. The request threads stay responsive because hashing
   * runs on its own bounded pool and every other RPC is short.
   */
  static int defaultHashingThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Reads and validates; throws ConfigException listing every problem. */
  public static IdentityConfig from(EnvReader env) {
    CommonConfig common = CommonConfig.from(env, DEFAULT_GRPC_PORT, DEFAULT_METRICS_PORT);
    Argon2Parameters minimum = Argon2Parameters.OWASP_MINIMUM;
    Argon2Parameters argon2 = new Argon2Parameters(
        env.integer("CUSTODY_ARGON2_MEMORY_KIB", minimum.memoryKib(), minimum.memoryKib(), 4 * 1024 * 1024),
        env.integer("CUSTODY_ARGON2_ITERATIONS", minimum.iterations(), minimum.iterations(), 64),
        env.integer("CUSTODY_ARGON2_PARALLELISM", minimum.parallelism(), 1, 64));
    int hashingThreads = env.integer("CUSTODY_HASHING_THREADS", defaultHashingThreads(), 1, 256);
    int hashingQueue = env.integer("CUSTODY_HASHING_QUEUE", 256, 1, 100_000);
    int minScore = env.integer("CUSTODY_PASSWORD_MIN_SCORE", 2, 1, 4);

    SessionSettings defaults = SessionSettings.defaults();
    Duration idle = env.duration("CUSTODY_SESSION_IDLE_TIMEOUT", defaults.idleTimeout(), Duration.ofMinutes(1), Duration.ofHours(24));
    Duration lifetime = env.duration("CUSTODY_SESSION_LIFETIME", defaults.absoluteLifetime(), Duration.ofMinutes(5), Duration.ofHours(24));
    Duration activity = env.duration("CUSTODY_SESSION_ACTIVITY_INTERVAL", defaults.activityInterval(), Duration.ofSeconds(5), Duration.ofMinutes(5));
    Duration cacheTtl = env.duration("CUSTODY_SESSION_CACHE_TTL", defaults.cacheTtl(), Duration.ZERO, Duration.ofMinutes(1));
    int cacheSize = env.integer("CUSTODY_SESSION_CACHE_SIZE", defaults.cacheMaxEntries(), 0, 10_000_000);
    String cookieName = env.string("CUSTODY_SESSION_COOKIE_NAME", defaults.cookieName());
    if (idle.compareTo(lifetime) > 0) {
      env.problem("CUSTODY_SESSION_IDLE_TIMEOUT must not exceed CUSTODY_SESSION_LIFETIME");
      idle = lifetime;
    }
    if (activity.compareTo(idle) >= 0) {
      env.problem("CUSTODY_SESSION_ACTIVITY_INTERVAL must be shorter than CUSTODY_SESSION_IDLE_TIMEOUT");
    }
    if (!SessionCookie.validName(cookieName)) {
      env.problem("CUSTODY_SESSION_COOKIE_NAME must be a cookie name (an RFC 6265 token)");
      cookieName = defaults.cookieName();
    }

    ThrottleSettings throttleDefaults = ThrottleSettings.defaults();
    int maxFailures = env.integer("CUSTODY_LOGIN_MAX_FAILURES", throttleDefaults.maxFailures(), 3, 1000);
    Duration window = env.duration("CUSTODY_LOGIN_FAILURE_WINDOW", throttleDefaults.window(), Duration.ofMinutes(1), Duration.ofDays(1));
    Duration lock = env.duration("CUSTODY_LOGIN_LOCK_DURATION", throttleDefaults.lockDuration(), Duration.ofMinutes(1), Duration.ofDays(1));
    int ceiling = env.integer("CUSTODY_LOGIN_ACCOUNT_CEILING", throttleDefaults.accountCeiling(), 3, 1_000_000);
    Duration accountDelay = env.duration("CUSTODY_LOGIN_ACCOUNT_DELAY", throttleDefaults.accountDelay(), Duration.ofMillis(100), Duration.ofMinutes(1));
    if (ceiling < maxFailures) {
      env.problem("CUSTODY_LOGIN_ACCOUNT_CEILING must be at least CUSTODY_LOGIN_MAX_FAILURES");
      ceiling = maxFailures;
    }
    Duration sweep = env.duration("CUSTODY_SESSION_SWEEP_INTERVAL", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofHours(12));
    MailSettings mail = MailSettings.from(env, DEFAULT_MAIL_FROM);
    String links = env.string("CUSTODY_ACCOUNT_LINKS", DEFAULT_ACCOUNT_LINKS);
    if (!links.startsWith("https://") && !links.startsWith("http://")) {
      env.problem("CUSTODY_ACCOUNT_LINKS must be an http(s) URL");
    }
    boolean withoutEnumeration = env.bool("CUSTODY_REGISTRATION_WITHOUT_ENUMERATION", true);
    Duration floor = env.duration("CUSTODY_RECOVERY_ANSWER_FLOOR", Duration.ofMillis(250), Duration.ZERO, Duration.ofSeconds(5));
    WebAuthnSettings webAuthnDefaults = WebAuthnSettings.defaults();
    WebAuthnSettings webAuthn = new WebAuthnSettings(env.string("CUSTODY_WEBAUTHN_RP_ID", webAuthnDefaults.rpId()),
        env.string("CUSTODY_WEBAUTHN_RP_NAME", webAuthnDefaults.rpName()),
        java.util.Set.of(env.string("CUSTODY_WEBAUTHN_ORIGINS", String.join(",", webAuthnDefaults.origins())).split("\\s*,\\s*")));
    env.finish();
    return new IdentityConfig(common, argon2, hashingThreads, hashingQueue, minScore,
        new SessionSettings(idle, lifetime, activity, cacheTtl, cacheSize, cookieName),
        new ThrottleSettings(maxFailures, window, lock, Math.min(throttleDefaults.freeFailures(), maxFailures - 1), ceiling, accountDelay),
        sweep, mail, links, withoutEnumeration, floor, webAuthn);
  }
}
