package org.custody.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.custody.analytics.aggregate.BatchAggregate;
import org.custody.analytics.ingest.JournalStore.Appended;
import org.custody.platform.errors.DomainException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every JournalStore must do with request ids (AIP-155); run against the in-memory journals
 * and the jOOQ store on MariaDB. What a journaled batch adds to the aggregates is
 * AggregateStoreContract's. Each test uses its own project and request ids, and the purge test
 * its own years, so stores may be shared.
 */
public abstract class JournalStoreContract {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  /** Long before any other test's request ids, so purging before it finds only this test's. */
  private static final Instant LONG_AGO = Instant.parse("2001-01-01T00:00:00Z");
  private static int projects;

  protected abstract JournalStore journal();

  private String project;

  @BeforeEach
  void newProject() {
    project = "journal-" + (++projects) + "-" + System.nanoTime() % 100000;
  }

  private static BatchAggregate views(int count) {
    BatchAggregate batch = new BatchAggregate();
    for (int i = 0; i < count; i++) {
      batch.add(LocalDate.parse("2026-03-10"), "/a", null, i);
    }
    return batch;
  }

  private static RequestKey key(int fingerprintByte) {
    return key(UUID.randomUUID().toString(), fingerprintByte);
  }

  private static RequestKey key(String requestId, int fingerprintByte) {
    byte[] fingerprint = new byte[32];
    fingerprint[0] = (byte) fingerprintByte;
    return new RequestKey(requestId, fingerprint);
  }

  @Test
  void append_withoutRequestId_recordsEveryBatch() {
    assertThat(journal().append(project, views(3), Optional.empty(), NOW)).isEqualTo(new Appended(3, false));
    assertThat(journal().append(project, views(3), Optional.empty(), NOW)).isEqualTo(new Appended(3, false));
  }

  @Test
  void append_retryWithTheSameFingerprint_isAReplayOfTheFirstCount() {
    RequestKey key = key(1);
    assertThat(journal().append(project, views(4), Optional.of(key), NOW)).isEqualTo(new Appended(4, false));
    assertThat(journal().append(project, views(4), Optional.of(key), NOW.plusSeconds(5))).isEqualTo(new Appended(4, true));
    assertThat(journal().append(project, views(4), Optional.of(key(key.requestId(), 1)), NOW)).isEqualTo(new Appended(4, true));
  }

  @Test
  void append_reusedRequestIdWithAnotherFingerprint_isRefused() {
    RequestKey key = key(1);
    journal().append(project, views(2), Optional.of(key), NOW);
    assertThatThrownBy(() -> journal().append(project, views(2), Optional.of(key(key.requestId(), 2)), NOW))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("REQUEST_ID_REUSED"));
    assertThat(journal().append(project, views(2), Optional.of(key), NOW)).isEqualTo(new Appended(2, true));
  }

  @Test
  void requestIds_belongToTheirProject() {
    RequestKey key = key(1);
    journal().append(project, views(2), Optional.of(key), NOW);
    assertThat(journal().append(project + "-other", views(5), Optional.of(key(key.requestId(), 2)), NOW))
        .isEqualTo(new Appended(5, false));
  }

  @Test
  void purgeRequestKeys_forgetsOnlyIdsRecordedBeforeTheCutoff() {
    RequestKey old = key(1);
    RequestKey recent = key(1);
    Instant cutoff = LONG_AGO.plus(Duration.ofHours(1));
    journal().append(project, views(2), Optional.of(old), LONG_AGO);
    journal().append(project, views(3), Optional.of(recent), cutoff);

    assertThat(journal().purgeRequestKeys(cutoff)).isEqualTo(1);
    assertThat(journal().purgeRequestKeys(cutoff)).isZero();
    assertThat(journal().append(project, views(6), Optional.of(key(old.requestId(), 2)), NOW))
        .as("a forgotten id is new again").isEqualTo(new Appended(6, false));
    assertThat(journal().append(project, views(3), Optional.of(recent), NOW)).isEqualTo(new Appended(3, true));
  }
}
