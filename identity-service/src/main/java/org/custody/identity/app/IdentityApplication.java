package org.custody.identity.app;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.identity.metrics.IdentityMetrics;
import org.custody.identity.account.Accounts;
import org.custody.identity.account.Registrations;
import org.custody.identity.api.IdentityGrpcService;
import org.custody.identity.api.SecondFactorGrpcService;
import org.custody.identity.api.SessionGrpcService;
import org.custody.identity.contact.Contacts;
import org.custody.identity.credential.Argon2idHasher;
import org.custody.identity.credential.PasswordPolicy;
import org.custody.identity.factor.Passkeys;
import org.custody.identity.factor.SecondFactors;
import org.custody.identity.factor.SecretSeal;
import org.custody.identity.login.LoginThrottle;
import org.custody.identity.login.Logins;
import org.custody.identity.mail.AccountMail;
import org.custody.identity.metrics.MicrometerIdentityMetrics;
import org.custody.identity.project.PrimaryAccountHolders;
import org.custody.identity.project.Projects;
import org.custody.identity.recovery.Recoveries;
import org.custody.identity.session.Sessions;
import org.custody.identity.store.IdentityStores;
import org.custody.identity.subject.IdentitySubjectRights;
import org.custody.identity.token.AccountTokens;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.ServiceSecrets;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.mail.DeliveryJournal;
import org.custody.platform.mail.MailOutbox;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxMeters;
import org.custody.platform.jobs.PeriodicJobs;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.platform.subject.api.SubjectDataGrpcService;

/** The identity service's composition root: constructors only, no container. */
public final class IdentityApplication {
  public static final String SERVICE = "identity";

  private IdentityApplication() {}

  /** Starts the service on {@code database} (migrating it) and returns the running server. */
  public static ServiceServer start(IdentityConfig config, DatabaseSettings database, Clock clock) {
    ServiceRuntime runtime = ServiceRuntime.open(SERVICE, config.common(), database, clock);
    SecureRandom random = new SecureRandom();
    RandomIds ids = new RandomIds(random);
    IdentityStores stores = new IdentityStores(runtime.database().dsl());
    IdentityMetrics metrics = new MicrometerIdentityMetrics(runtime.registry());

    Projects projects = new Projects(stores.projects(), clock);
    Contacts contacts = new Contacts(stores.contacts(), projects, ids, clock);
    ExecutorService sessionRefresher = singleThread("session-refresh", 10_000);
    Sessions sessions = new Sessions(stores.sessions(), config.sessions(), metrics, clock, random, sessionRefresher, runtime.registry());
    Argon2idHasher hasher = new Argon2idHasher(config.argon2(), random);
    ServiceSecrets secrets = new ServiceSecrets(runtime.database().dsl(), clock);
    LoginThrottle throttle = new LoginThrottle(stores.throttle(), config.throttle(), secrets.get("login-throttle-key"), clock);
    PasswordPolicy policy = new PasswordPolicy(config.passwordMinScore());
    // Identity keeps no journal of its own: an outcome is the message row's new state.
    Outbox outbox = MailOutbox.start(config.mail(), runtime.database().dsl(), DeliveryJournal.none(stores.outboxTransaction()),
        new OutboxMeters(runtime.registry()), runtime.jobs(), clock);
    AccountMail mail = new AccountMail(outbox, stores.outboxTransaction(), config.accountLinks());
    AccountTokens tokens = new AccountTokens(stores.tokens(), random, clock);
    Registrations registrations = new Registrations(stores.transactions(), projects, stores.accounts(), stores.credentials(), contacts,
        hasher, policy, tokens, mail, ids, clock, config.registrationWithoutEnumeration());
    Accounts accounts = new Accounts(stores.transactions(), projects, stores.accounts(), stores.credentials(), contacts,
        hasher, policy, throttle, sessions, tokens, mail, clock);
    Recoveries recoveries = new Recoveries(stores.transactions(), projects, stores.accounts(), stores.credentials(), tokens, mail, hasher,
        policy, throttle, stores.throttle(), sessions, Recoveries.Limits.defaults(), clock);
    Passkeys passkeys = new Passkeys(stores.webAuthn(), stores.accounts(), sessions, config.webAuthn(), random, clock);
    SecondFactors factors = new SecondFactors(stores.transactions(), stores.secondFactors(), stores.accounts(), sessions,
        new SecretSeal(secrets.get("totp-seal-key"), random), passkeys, config.webAuthn().rpName(), random, clock);
    Logins logins = new Logins(stores.accounts(), stores.credentials(), hasher, throttle, sessions, factors, stores.secondFactors(), passkeys,
        metrics, clock, random);
    IdentitySubjectRights subjects = new IdentitySubjectRights(stores.transactions(), stores.projects(), stores.accounts(), stores.credentials(),
        stores.contacts(), sessions, throttle, factors, tokens, outbox, stores.outboxTransaction(), ids, clock);
    PrimaryAccountHolders holders = new PrimaryAccountHolders(stores.projects(), stores.accounts());

    MicrometerIdentityMetrics.registerActiveSessions(runtime.registry(), sessions::countLive, clock);
    scheduleSessionJobs(runtime.jobs(), config, sessions, throttle, tokens, stores, clock);

    ExecutorService hashingPool = hashingPool(config, runtime);
    ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "answer-pacing"));
    // Staff reads of one account's data are recorded in disclosure's ledger before they are answered.
    var staffAccess = runtime.staffAccessLog();
    return runtime.serverBuilder()
        .sessions(new LocalSessions(sessions))
        .staffAccessLog(staffAccess)
        .closeOnShutdown(staffAccess)
        .addService(new IdentityGrpcService(projects, holders, registrations, accounts, recoveries, contacts, runtime.idempotency(), hashingPool,
            new org.custody.identity.api.AnswerPacing(pacing, config.answerFloor()), runtime.pageTokens()))
        .addService(new SessionGrpcService(logins, sessions, hashingPool, runtime.pageTokens()))
        .addService(new SecondFactorGrpcService(factors, passkeys))
        .addService(new SubjectDataGrpcService(SERVICE, subjects, runtime.idempotency(), clock))
        .closeOnShutdown(hashingPool::shutdownNow, pacing::shutdownNow, sessionRefresher::shutdownNow)
        .start();
  }

  /** Session activity flushed every second; expired sessions, throttle rows, tokens and challenges swept. */
  private static void scheduleSessionJobs(PeriodicJobs jobs, IdentityConfig config, Sessions sessions, LoginThrottle throttle,
      AccountTokens tokens, IdentityStores stores, Clock clock) {
    jobs.schedule("session-activity", Duration.ofSeconds(1), Duration.ofSeconds(1), sessions::flushActivity);
    jobs.schedule("session-sweep", Duration.ofMinutes(1), config.sweepInterval(), () -> {
      sessions.sweep();
      throttle.purgeStale();
      tokens.purgeExpired();
      stores.secondFactors().deleteExpiredChallenges(clock.instant());
    });
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, SERVICE + "-" + name);
    t.setDaemon(true);
    return t;
  }

  /** A daemon thread with a bounded queue; work that does not fit is refused. */
  private static ExecutorService singleThread(String name, int queue) {
    return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> daemon(r, name),
        new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * The bounded pool password hashing runs on: a few threads and a bounded queue, so logins
   * compete with each other and never with the request threads.
   */
  private static ExecutorService hashingPool(IdentityConfig config, ServiceRuntime runtime) {
    AtomicInteger threadIds = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(config.hashingThreads(), config.hashingThreads(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(config.hashingQueue()), r -> daemon(r, "hashing-" + threadIds.incrementAndGet()),
        new ThreadPoolExecutor.AbortPolicy());
    return ExecutorServiceMetrics.monitor(runtime.registry(), pool, "password-hashing", List.of(Tag.of("server", SERVICE)));
  }
}
