package org.custody.billing.app;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.custody.billing.api.BillingGrpcService;
import org.custody.billing.api.BillingKeyGrpcService;
import org.custody.billing.crypto.Envelope;
import org.custody.billing.crypto.KeyRing;
import org.custody.billing.crypto.RootKey;
import org.custody.billing.crypto.SubjectKeys;
import org.custody.billing.invoice.Invoices;
import org.custody.billing.keys.KeyVersions;
import org.custody.billing.keys.Rewrapper;
import org.custody.billing.metrics.BillingMetrics;
import org.custody.billing.payment.PaymentMethods;
import org.custody.billing.payment.PaymentStanding;
import org.custody.billing.profile.BillingProfiles;
import org.custody.billing.store.BillingStores;
import org.custody.billing.subject.BillingSubjectRights;
import org.custody.billing.subject.RetentionPurge;
import org.custody.billing.subject.BillingDataErasure;
import org.custody.billing.subject.BillingDataExport;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.jobs.PeriodicJobs;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.platform.session.SessionChecks;
import org.custody.platform.subject.api.SubjectDataGrpcService;

/** The billing service's composition root. */
public final class BillingApplication {
  public static final String SERVICE = "billing";
  private static final Duration REWRAP_LEASE = Duration.ofSeconds(30);
  private static final Duration REWRAP_SLICE = Duration.ofSeconds(2);

  private BillingApplication() {}

  public static ServiceServer start(BillingConfig config, DatabaseSettings database, Clock clock) {
    ServiceRuntime runtime = ServiceRuntime.open(SERVICE, config.common(), database, clock);
    try {
      return wire(config, runtime, clock);
    } catch (RuntimeException e) {
      runtime.jobs().close();
      runtime.database().close();
      throw e;
    }
  }

  private static ServiceServer wire(BillingConfig config, ServiceRuntime runtime, Clock clock) {
    BillingStores stores = new BillingStores(runtime.database().dsl());
    Transactions transactions = stores.transactions();
    RandomIds ids = new RandomIds(new SecureRandom());

    KeyRing ring = new KeyRing(RootKey.fromJson(config.kek().keysetJson()), stores.kekVersions(), transactions, clock).open();
    Envelope envelope = new Envelope(ring);
    SubjectKeys keys = new SubjectKeys(stores.dataKeys(), envelope, ids, clock, runtime.registry());

    BillingProfiles profiles = new BillingProfiles(stores.profiles(), keys, transactions, ids, clock);
    PaymentMethods paymentMethods = new PaymentMethods(stores.paymentMethods(), keys, transactions, ids, clock);
    Invoices invoices = new Invoices(stores.invoices(), profiles, keys, config.retention(), transactions, ids, clock);
    PaymentStanding standing = new PaymentStanding(stores.paymentMethods(), clock);

    KeyVersions versions = new KeyVersions(ring, stores.kekVersions(), stores.dataKeys(), stores.rewrapJobs(), transactions, clock);
    Rewrapper rewrapper = new Rewrapper(stores.dataKeys(), stores.rewrapJobs(), stores.kekVersions(), envelope, transactions, ids, clock,
        config.rewrapBatchSize(), REWRAP_LEASE).load();
    RetentionPurge purge = new RetentionPurge(stores.invoices(), stores.dataKeys(), keys, transactions, clock);
    BillingDataExport export = new BillingDataExport(profiles, paymentMethods, invoices);
    BillingDataErasure erasure = new BillingDataErasure(keys, stores.paymentMethods(), stores.profiles(), invoices, stores.erasureReceipts(),
        transactions, ids, clock);

    PeriodicJobs jobs = runtime.jobs();
    Runnable rewrapStep = new Runnable() {
      @Override
      public void run() {
        // A slice at a time, requeued while work remains, so other jobs get their turn.
        if (rewrapper.runPending(REWRAP_SLICE)) {
          jobs.runSoon("billing-rewrap", this);
        }
      }
    };
    jobs.schedule("billing-rewrap", Duration.ofSeconds(5), Duration.ofSeconds(30), rewrapStep);
    jobs.schedule("billing-kek-refresh", Duration.ofMinutes(1), Duration.ofMinutes(1), ring::refresh);
    jobs.schedule("billing-retention-purge", Duration.ofMinutes(1), config.retentionPurgeInterval(), purge::purgeExpired);

    BillingMetrics.keys(runtime.registry(), ring, rewrapper);

    SessionChecks sessions = runtime.sessionChecks(config.common().sessions(), clock);
    // Staff reads of one account's billing data are recorded in disclosure's ledger before they are answered.
    var staffAccess = runtime.staffAccessLog();
    return runtime.serverBuilder()
        .sessions(sessions)
        .closeOnShutdown(sessions)
        .staffAccessLog(staffAccess)
        .closeOnShutdown(staffAccess)
        .addService(new BillingGrpcService(profiles, paymentMethods, invoices, standing, runtime.idempotency(), runtime.pageTokens()))
        .addService(new BillingKeyGrpcService(versions, rewrapper, () -> jobs.runSoon("billing-rewrap", rewrapStep), purge, runtime.idempotency()))
        .addService(new SubjectDataGrpcService(SERVICE, new BillingSubjectRights(export, erasure, ids, clock), runtime.idempotency(), clock))
        .start();
  }
}
