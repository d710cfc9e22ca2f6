package org.custody.identity.app;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.identity.IdentityMetrics;
import org.custody.identity.account.Accounts;
import org.custody.identity.api.IdentityGrpcService;
import org.custody.identity.api.SessionGrpcService;
import org.custody.identity.contact.Contacts;
import org.custody.identity.credential.Argon2idHasher;
import org.custody.identity.credential.PasswordPolicy;
import org.custody.identity.login.LoginThrottle;
import org.custody.identity.login.Logins;
import org.custody.identity.project.PrimaryAccountHolders;
import org.custody.identity.project.Projects;
import org.custody.identity.session.Sessions;
import org.custody.identity.store.IdentityStores;
import org.custody.identity.subject.SubjectData;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.ServiceSecrets;
import org.custody.platform.domain.RandomIds;
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
    Sessions sessions = new Sessions(stores.sessions(), config.sessions(), metrics, clock, random, sessionRefresher);
    Argon2idHasher hasher = new Argon2idHasher(config.argon2(), random);
    byte[] throttleSecret = new ServiceSecrets(runtime.database().dsl(), clock).get("login-throttle-key");
    LoginThrottle throttle = new LoginThrottle(stores.throttle(), config.throttle(), throttleSecret, clock);
    Accounts accounts = new Accounts(stores.transactions(), projects, stores.accounts(), stores.credentials(), contacts,
        hasher, new PasswordPolicy(config.passwordMinScore()), throttle, sessions, ids, clock);
    Logins logins = new Logins(stores.accounts(), stores.credentials(), hasher, throttle, sessions, metrics, clock, random);
    SubjectData subjects = new SubjectData(stores.transactions(), stores.projects(), stores.accounts(), stores.credentials(),
        stores.contacts(), sessions, throttle, ids, clock);
    PrimaryAccountHolders holders = new PrimaryAccountHolders(stores.projects(), stores.accounts());

    MicrometerIdentityMetrics.registerActiveSessions(runtime.registry(), sessions::countLive, clock);
    runtime.jobs().schedule("session-activity", Duration.ofSeconds(1), Duration.ofSeconds(1), sessions::flushActivity);
    runtime.jobs().schedule("session-sweep", Duration.ofMinutes(1), config.sweepInterval(), () -> {
      sessions.sweep();
      throttle.purgeStale();
    });

    ExecutorService hashingPool = hashingPool(config, runtime);
    return runtime.serverBuilder()
        .addService(new IdentityGrpcService(projects, holders, accounts, contacts, runtime.idempotency(), hashingPool))
        .addService(new SessionGrpcService(logins, sessions, hashingPool))
        .addService(new SubjectDataGrpcService(SERVICE, subjects, runtime.idempotency(), clock))
        .closeOnShutdown(hashingPool::shutdownNow)
        .closeOnShutdown(sessionRefresher::shutdownNow)
        .start();
  }

  /** A daemon thread with a bounded queue; work that does not fit is refused. */
  private static ExecutorService singleThread(String name, int queue) {
    return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, SERVICE + "-" + name);
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * The bounded pool password hashing runs on: a few threads and a bounded queue, so logins
   * compete with each other and never with the request threads.
   */
  private static ExecutorService hashingPool(IdentityConfig config, ServiceRuntime runtime) {
    AtomicInteger threadIds = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(config.hashingThreads(), config.hashingThreads(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(config.hashingQueue()), r -> {
          Thread t = new Thread(r, SERVICE + "-hashing-" + threadIds.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    return ExecutorServiceMetrics.monitor(runtime.registry(), pool, "password-hashing", List.of(Tag.of("server", SERVICE)));
  }
}
