package org.custody.disclosure.app;

import java.time.Clock;
import java.time.Duration;
import org.custody.disclosure.api.ConsentGrpcService;
import org.custody.disclosure.api.DisclosureGrpcService;
import org.custody.disclosure.api.LedgerGrpcService;
import org.custody.disclosure.api.PolicyGrpcService;
import org.custody.disclosure.api.RecipientGrpcService;
import org.custody.disclosure.api.StaffAccessGrpcService;
import org.custody.disclosure.api.SubjectRightsGrpcService;
import org.custody.disclosure.consent.Consents;
import org.custody.disclosure.campaign.NoticeCampaignEngine;
import org.custody.disclosure.decision.DisclosureRules;
import org.custody.disclosure.decision.Disclosures;
import org.custody.disclosure.erasure.ErasureSaga;
import org.custody.disclosure.erasure.Erasures;
import org.custody.disclosure.leaves.GrpcLeafErasures;
import org.custody.disclosure.leaves.GrpcLeafExports;
import org.custody.disclosure.leaves.GrpcNoticeAddresses;
import org.custody.disclosure.leaves.LeafChannels;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.LedgerAudit;
import org.custody.disclosure.ledger.LedgerIncidents;
import org.custody.platform.jobs.RetryPolicy;
import org.custody.platform.mail.MailOutbox;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxMeters;
import org.custody.disclosure.metrics.DisclosureMeters;
import org.custody.disclosure.policy.Policies;
import org.custody.disclosure.policy.PolicyNoticeCampaigns;
import org.custody.disclosure.recipient.Recipients;
import org.custody.disclosure.release.PackageReleases;
import org.custody.disclosure.rights.SubjectAuthorization;
import org.custody.disclosure.rights.SubjectExports;
import org.custody.disclosure.store.DisclosureStores;
import org.custody.disclosure.store.LedgerWriterTransactions;
import org.custody.disclosure.staffaccess.StaffAccesses;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.disclosure.transfer.TransferNotices;
import org.custody.platform.access.ClientChannels;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.jobs.PeriodicJobs;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.platform.session.SessionChecks;

/** The disclosure service's composition root: constructors only, no container. */
public final class DisclosureApplication {
  public static final String SERVICE = "disclosure";

  private DisclosureApplication() {}

  /** Starts the service on {@code database} (migrating it) and returns the running server. */
  public static ServiceServer start(DisclosureConfig config, DatabaseSettings database, Clock clock) {
    ServiceRuntime runtime = ServiceRuntime.open(SERVICE, config.common(), database, clock);
    DisclosureStores stores = new DisclosureStores(runtime.database().dsl());
    PeriodicJobs jobs = runtime.jobs();

    LedgerWriterTransactions ledgerTransactions = stores.ledgerWriterTransactions(database, runtime.database().dialect());
    Ledger ledger = new Ledger(ledgerTransactions, stores.ledger(), LedgerKeys.load(config.signingKeyFile(), config.common().home()),
        clock, config.ledgerMaxBatch(), config.signInterval());
    LedgerIncidents incidents = new LedgerIncidents(stores.ledgerIncidents(), ledger, clock, config.ledgerFailClosed());
    LedgerAudit audit = new LedgerAudit(ledger, clock, incidents::found);
    DisclosureMeters meters = new DisclosureMeters(runtime.registry());
    meters.watchLedger(ledger, audit);
    SubjectPseudonyms pseudonyms = stores.pseudonyms(clock);
    Recipients recipients = new Recipients(stores.recipients(), ledger, clock, config.recipientCacheTtl(), runtime.registry());
    Consents consents = new Consents(stores.consents(), recipients, pseudonyms, ledger, clock);
    LeafChannels leaves = new LeafChannels(new ClientChannels(config.common().auth(), runtime.registry()), config.leaves());
    GrpcNoticeAddresses noticeAddresses = new GrpcNoticeAddresses(leaves);
    // Deliveries and messages given up are ledger entries, written with the message's new state.
    Outbox outbox = MailOutbox.start(config.mail(), runtime.database().dsl(), new LedgerDeliveryJournal(ledger, stores.outboxTransaction()),
        new OutboxMeters(runtime.registry()), jobs, clock);
    // Listing a transfer's subjects is retried for as long as identity is down, backing off to 15 minutes.
    TransferNotices notices = new TransferNotices(stores.transferNotices(), stores.disclosures(), recipients, noticeAddresses,
        pseudonyms, outbox, campaignEngine(stores, outbox, config.noticeListInterval(), clock),
        config.noticePeriod(), clock, task -> jobs.runSoon("transfer-notices", task));
    // Listing a significant policy change's primary account holders is retried the same way (P14).
    PolicyNoticeCampaigns policyNotices = new PolicyNoticeCampaigns(stores.policies(), noticeAddresses, outbox,
        campaignEngine(stores, outbox, config.policyNoticeListInterval(), clock));
    Policies policies = new Policies(stores.policies(), policyNotices, ledger);
    meters.watchNoticeCampaigns(policyNotices::totals, Duration.ofSeconds(5));
    Disclosures disclosures = new Disclosures(stores.disclosures(), recipients, stores.consents(), pseudonyms, notices,
        new DisclosureRules(config.noticePeriod()), ledger, meters, clock, config.packageLifetime(), incidents::checkTrusted);
    PackageReleases releases = new PackageReleases(stores.disclosures(), new GrpcLeafExports(leaves, clock), pseudonyms, ledger, clock);

    // One session validator (identity, cached) for the subject binding and the export/erasure checks.
    SessionChecks sessions = runtime.sessionChecks(config.common().sessions(), clock);
    SubjectAuthorization authorization = new SubjectAuthorization(sessions, clock);
    StaffAccesses staffAccesses = new StaffAccesses(stores.staffAccesses(), pseudonyms, ledger, clock);
    SubjectExports exports = new SubjectExports(stores.exports(), new GrpcLeafExports(leaves, clock), stores.consents(), stores.disclosures(),
        pseudonyms, authorization, ledger, clock, staffAccesses);
    GrpcLeafErasures leafErasures = new GrpcLeafErasures(leaves);
    ErasureSaga saga = erasureSaga(config, stores, leafErasures, recipients, outbox, ledger, clock);
    Erasures erasures = new Erasures(stores.erasures(), leafErasures, authorization, pseudonyms, ledger, clock,
        () -> jobs.runSoon("erasure-saga", saga::runDue));
    meters.watchErasures(stores.erasures(), Duration.ofSeconds(5), clock);

    scheduleJobs(jobs, config, notices, policyNotices, saga, exports, staffAccesses, audit);

    // Disclosure's own staff reads are recorded in-process, in the same ledger.
    ServiceServer.Builder server = runtime.serverBuilder().sessions(sessions).staffAccessLog(staffAccesses);
    return server
        .addService(new RecipientGrpcService(recipients, runtime.idempotency(), runtime.pageTokens()))
        .addService(new ConsentGrpcService(consents, runtime.idempotency(), clock, server.subjectCheck(), runtime.pageTokens()))
        .addService(new DisclosureGrpcService(disclosures, notices, releases, ledger, runtime.idempotency().fingerprints(), runtime.pageTokens()))
        .addService(new LedgerGrpcService(ledger, audit, incidents))
        .addService(new PolicyGrpcService(policies, runtime.idempotency(), runtime.pageTokens()))
        .addService(new SubjectRightsGrpcService(exports, erasures, runtime.idempotency().fingerprints(), runtime.pageTokens()))
        .addService(new StaffAccessGrpcService(staffAccesses))
        .closeOnShutdown(ledger, ledgerTransactions, leaves, sessions)
        .start();
  }

  /** The erasure saga: a runner holds a step for longer than one call to its service may take. */
  private static ErasureSaga erasureSaga(DisclosureConfig config, DisclosureStores stores, GrpcLeafErasures leafErasures,
      Recipients recipients, Outbox outbox, Ledger ledger, Clock clock) {
    Duration stepLease = config.leaves().callTimeout().multipliedBy(2).plusSeconds(10);
    return new ErasureSaga(stores.erasures(), leafErasures, stores.disclosures(), recipients, outbox, stores.outboxTransaction(), ledger,
        config.erasureRetries(), stepLease, clock);
  }

  /** The notice campaigns, the erasure saga, the purges of expired exports and staff-access rows, the ledger's verification. */
  private static void scheduleJobs(PeriodicJobs jobs, DisclosureConfig config, TransferNotices notices, PolicyNoticeCampaigns policyNotices,
      ErasureSaga saga, SubjectExports exports, StaffAccesses staffAccesses, LedgerAudit audit) {
    jobs.schedule("transfer-notices", config.noticeListInterval(), config.noticeListInterval(), notices::resolveDue);
    jobs.schedule("policy-notices", config.policyNoticeListInterval(), config.policyNoticeListInterval(), policyNotices::listDue);
    jobs.schedule("erasure-saga", config.erasureInterval(), config.erasureInterval(), saga::runDue);
    // Not at once at start: a restarting fleet need not all purge together.
    Duration purgeEvery = config.retentionPurgeInterval();
    Duration firstPurge = purgeEvery.compareTo(Duration.ofMinutes(1)) < 0 ? purgeEvery : Duration.ofMinutes(1);
    jobs.schedule("export-retention", firstPurge, purgeEvery, () -> exports.purge(config.exportRetention()));
    jobs.schedule("staff-access-retention", firstPurge, purgeEvery, () -> staffAccesses.purge(config.staffAccessRetention()));
    Duration firstVerification = config.verifyInterval().compareTo(Duration.ofSeconds(10)) < 0 ? config.verifyInterval() : Duration.ofSeconds(10);
    jobs.schedule("ledger-verification", firstVerification, config.verifyInterval(), audit::verify);
  }

  /** A notice campaign engine whose listing is retried for as long as identity is down, backing off to 15 minutes. */
  private static NoticeCampaignEngine campaignEngine(DisclosureStores stores, Outbox outbox, Duration listInterval, Clock clock) {
    return new NoticeCampaignEngine(outbox, stores.outboxTransaction(), stores.transactions(), backoffTo15Minutes(listInterval), clock);
  }

  /** Retries for as long as it takes, from {@code interval}, doubling up to 15 minutes (or {@code interval} if longer). */
  private static RetryPolicy backoffTo15Minutes(Duration interval) {
    Duration cap = interval.compareTo(Duration.ofMinutes(15)) > 0 ? interval : Duration.ofMinutes(15);
    return new RetryPolicy(Integer.MAX_VALUE, interval, cap);
  }
}
