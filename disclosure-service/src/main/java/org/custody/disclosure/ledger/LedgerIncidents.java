package org.custody.disclosure.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service does when its ledger is found inconsistent (a row changed, deleted or
 * inserted behind its back). By default it fails closed: from the moment a verification (the
 * periodic job's or an operator's, on any instance) records the incident, new disclosures are
 * refused FAILED_PRECONDITION ({@code LEDGER_UNTRUSTED}) until an operator acknowledges the
 * incident through {@link #acknowledge}, which is itself a ledger entry. The same failure found
 * again after its acknowledgement is not a new incident; a different one is.
 */
public final class LedgerIncidents {
  private static final Logger log = LoggerFactory.getLogger(LedgerIncidents.class);
  /** The incident's resource name prefix. */
  public static final String PREFIX = "ledgerIncidents/";

  private final LedgerIncidentStore store;
  private final Ledger ledger;
  private final Clock clock;
  private final boolean failClosed;

  /** @param failClosed CUSTODY_LEDGER_FAIL_CLOSED: refuse new disclosures while an incident is open */
  public LedgerIncidents(LedgerIncidentStore store, Ledger ledger, Clock clock, boolean failClosed) {
    this.store = store;
    this.ledger = ledger;
    this.clock = clock;
    this.failClosed = failClosed;
  }

  /** Records a failed verification as an incident (once per distinct failure). */
  public void found(Verification failed) {
    if (failed.valid()) {
      return;
    }
    String failure = failed.failure().orElse("inconsistent");
    LedgerIncidentStore.Incident incident = store.record(sha256(failure), truncate(failure), failed.treeSize(), clock.instant());
    if (incident.acknowledged().isEmpty()) {
      log.error("ledger incident open incident={}{} failClosed={}", PREFIX, incident.id(), failClosed);
    }
  }

  /** The open incident, if any. */
  public Optional<LedgerIncidentStore.Incident> open() {
    return store.oldestOpen();
  }

  /** Refuses a new disclosure while an incident is open and the service fails closed. */
  public void checkTrusted() {
    if (!failClosed) {
      return;
    }
    Optional<LedgerIncidentStore.Incident> open = store.oldestOpen();
    if (open.isPresent()) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "LEDGER_UNTRUSTED",
          "the ledger failed verification (" + PREFIX + open.get().id() + "); no disclosure is decided until an operator "
              + "acknowledges the incident");
    }
  }

  /** The acknowledgement's outcome: the incident and the ledger entry recording it. */
  public record Acknowledgement(long incident, long ledgerIndex) {}

  /**
   * Acknowledges an open incident, recording in the ledger who did (the calling service's or
   * operator tool's name, never a person's) and the case reference; an incident acknowledged
   * before is FAILED_PRECONDITION (INCIDENT_ACKNOWLEDGED).
   */
  public Acknowledgement acknowledge(long id, String caller, String caseReference) {
    LedgerIncidentStore.Incident incident = store.find(id)
        .orElseThrow(() -> DomainException.of(ErrorKind.NOT_FOUND, "INCIDENT_NOT_FOUND", "no such ledger incident"));
    if (incident.acknowledged().isPresent()) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "INCIDENT_ACKNOWLEDGED", "the incident was already acknowledged");
    }
    long index = ledger.write(batch -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("incident", PREFIX + id);
      body.put("failure_sha256", java.util.HexFormat.of().formatHex(sha256(incident.failure())));
      body.put("tree_size", incident.treeSize());
      body.put("acknowledged_by", caller);
      body.put("case_reference", caseReference);
      long entry = batch.append("ledger.incident.acknowledged", body);
      if (!store.acknowledge(id, caller, caseReference, batch.time(), entry)) {
        throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "INCIDENT_ACKNOWLEDGED", "the incident was already acknowledged");
      }
      return entry;
    });
    log.warn("ledger incident acknowledged incident={}{} by={} ledgerIndex={}", PREFIX, id, caller, index);
    return new Acknowledgement(id, index);
  }

  private static String truncate(String failure) {
    return failure.length() > 500 ? failure.substring(0, 500) : failure;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
