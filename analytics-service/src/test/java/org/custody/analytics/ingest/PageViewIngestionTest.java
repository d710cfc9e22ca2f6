package org.custody.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custody.analytics.aggregate.BatchAggregate;
import org.custody.analytics.aggregate.CellKey;
import org.custody.analytics.aggregate.Dimension;
import org.custody.analytics.metrics.AnalyticsMetrics;
import org.custody.analytics.salt.DailySalts;
import org.custody.analytics.salt.InMemorySaltStore;
import org.custody.analytics.testing.CountingMetrics;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class PageViewIngestionTest {
  private final MutableClock clock = MutableClock.at("2026-05-10T12:00:00Z");
  private final CapturingJournal journal = new CapturingJournal();
  private final CountingMetrics metrics = new CountingMetrics();
  private final PageViewIngestion ingestion = new PageViewIngestion(new PathNormaliser(), new ReferrerHosts(),
      new IngestionWindow(clock, Duration.ofHours(24), Duration.ofMinutes(5)),
      new VisitorHasher(new DailySalts(new InMemorySaltStore(), clock, new SecureRandom())), journal, metrics);

  private PageViewInput view(String url, String referrer, Instant time, int visitor) {
    return new PageViewInput(url, referrer, time, "198.51.100." + visitor, "UA/" + visitor);
  }

  @Test
  void P4_record_reducesTheBatchToCells_keepingOnlyNormalisedPathsAndReferrerHosts() {
    List<PageViewInput> views = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      views.add(view("https://acme.example/users/" + (i % 10) + "/profile?email=jane@example.com",
          i % 2 == 0 ? "https://news.example.org/item?id=" + i : "", clock.instant(), i % 50));
    }
    assertThat(ingestion.record("acme", views, Optional.empty())).isEqualTo(1000);
    BatchAggregate batch = journal.batches.get(0);
    LocalDate today = LocalDate.parse("2026-05-10");
    assertThat(batch.cells(Dimension.PAGE).keySet()).containsExactly(new CellKey(today, "/users/:id/profile"));
    assertThat(batch.cells(Dimension.PAGE).get(new CellKey(today, "/users/:id/profile")).views()).isEqualTo(1000);
    assertThat(batch.cells(Dimension.PAGE).get(new CellKey(today, "/users/:id/profile")).visitors().getEstimate())
        .isCloseTo(50, org.assertj.core.data.Offset.offset(1.0));
    assertThat(batch.cells(Dimension.REFERRER).keySet()).containsExactly(new CellKey(today, "news.example.org"));
    assertThat(metrics.viewsIngested).isEqualTo(1000);
  }

  @Test
  void P3_record_cardNumbersInUrls_areRedacted_notRefused_andCounted() {
    List<PageViewInput> views = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      views.add(view("https://acme.example/docs/" + i % 3, "", clock.instant(), i % 50));
    }
    views.set(10, view("https://acme.example/pay/4111%201111%201111%201111?cc=5555-5555-5555-4444", "", clock.instant(), 1));
    views.set(20, view("/docs/0", "https://4111-1111-1111-1111.example.net/x", clock.instant(), 2));
    assertThat(ingestion.record("acme", views, Optional.empty())).isEqualTo(1000);
    BatchAggregate batch = journal.batches.get(0);
    LocalDate today = LocalDate.parse("2026-05-10");
    assertThat(batch.cells(Dimension.PAGE).keySet()).contains(new CellKey(today, "/pay/:card"));
    assertThat(batch.cells(Dimension.REFERRER).keySet()).containsExactly(new CellKey(today, ":card"));
    assertThat(batch.cells(Dimension.PAGE).keySet().toString() + batch.cells(Dimension.REFERRER).keySet()).doesNotContain("1111");
    assertThat(metrics.redactions).containsEntry(AnalyticsMetrics.RedactionKind.PATH_SEGMENT, 1L)
        .containsEntry(AnalyticsMetrics.RedactionKind.QUERY, 1L)
        .containsEntry(AnalyticsMetrics.RedactionKind.REFERRER, 1L);
  }

  @Test
  void record_oneBadView_recordsNothing_andNamesTheField() {
    List<PageViewInput> views = List.of(
        view("/ok", "", clock.instant(), 1),
        view("javascript:alert(1)", "", clock.instant(), 2),
        view("/ok", "android-app://x", clock.instant(), 3));
    assertThatThrownBy(() -> ingestion.record("acme", views, Optional.empty()))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
            .containsExactly("views[1].url", "views[2].referrer"));
    assertThat(journal.batches).isEmpty();
    assertThat(metrics.viewsIngested).isZero();
  }

  @Test
  void record_timestampsOutsideTheWindow_areRefused() {
    List<PageViewInput> views = List.of(
        view("/a", "", clock.instant().plus(Duration.ofMinutes(10)), 1),
        view("/a", "", clock.instant().minus(Duration.ofHours(25)), 1),
        view("/a", "", clock.instant().minus(Duration.ofHours(23)), 1),
        view("/a", "", clock.instant().plus(Duration.ofMinutes(4)), 1));
    assertThatThrownBy(() -> ingestion.record("acme", views, Optional.empty()))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
            .containsExactly("views[0].view_time", "views[1].view_time"));
  }

  @Test
  void record_viewsOfYesterday_countOnYesterday() {
    ingestion.record("acme", List.of(view("/a", "", clock.instant().minus(Duration.ofHours(13)), 1)), Optional.empty());
    assertThat(journal.batches.get(0).cells(Dimension.PAGE)).containsOnlyKeys(new CellKey(LocalDate.parse("2026-05-09"), "/a"));
  }

  @Test
  void record_oversizedOrEmptyBatch_isRefused() {
    List<PageViewInput> tooMany = new ArrayList<>();
    for (int i = 0; i <= PageViewIngestion.MAX_BATCH; i++) {
      tooMany.add(view("/a", "", clock.instant(), 1));
    }
    assertThatThrownBy(() -> ingestion.record("acme", tooMany, Optional.empty()))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("views"));
    assertThatThrownBy(() -> ingestion.record("acme", List.of(), Optional.empty())).isInstanceOf(DomainException.class);
  }

  @Test
  void record_manyBadViews_reportsABoundedNumberOfViolations() {
    List<PageViewInput> views = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      views.add(view("bad", "", clock.instant(), 1));
    }
    assertThatThrownBy(() -> ingestion.record("acme", views, Optional.empty()))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations()).hasSize(PageViewIngestion.MAX_VIOLATIONS));
  }

  @Test
  void record_retryWithTheSameRequestId_isCountedOnce() {
    RequestKey key = new RequestKey("0b6f2c2e-8f6e-4a57-9a8b-5f1d3c2e1a00", new byte[32]);
    List<PageViewInput> views = List.of(view("/a", "", clock.instant(), 1), view("/b", "", clock.instant(), 2));
    assertThat(ingestion.record("acme", views, Optional.of(key))).isEqualTo(2);
    assertThat(ingestion.record("acme", views, Optional.of(key))).isEqualTo(2);
    assertThat(journal.batches).hasSize(1);
    assertThat(metrics.viewsIngested).isEqualTo(2);
  }
}
