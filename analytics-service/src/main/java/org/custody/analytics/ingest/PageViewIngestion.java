package org.custody.analytics.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custody.analytics.aggregate.BatchAggregate;
import org.custody.analytics.metrics.AnalyticsMetrics;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/**
 * Records a batch of page views, all or nothing: every view is checked first (URL, referrer,
 * timestamp window); then the batch is reduced in memory to its cells (normalised path or
 * referrer host, day, view count, HLL sketch of keyed visitor hashes) and committed as one
 * journal row. Nothing of a single view survives the call. A card number in a URL or referrer
 * does not fail the batch (the contract exempts these fields from the platform's card-number
 * screen): it is replaced by {@code :card} or dropped with the query, and counted (P3).
 */
public final class PageViewIngestion {
  /** The largest batch accepted (the contract says the same). */
  public static final int MAX_BATCH = 5000;
  /** At most this many field violations are reported for one batch. */
  static final int MAX_VIOLATIONS = 20;

  private final PathNormaliser paths;
  private final ReferrerHosts referrers;
  private final IngestionWindow window;
  private final VisitorHasher hasher;
  private final JournalStore journal;
  private final AnalyticsMetrics metrics;

  public PageViewIngestion(PathNormaliser paths, ReferrerHosts referrers, IngestionWindow window,
      VisitorHasher hasher, JournalStore journal, AnalyticsMetrics metrics) {
    this.paths = paths;
    this.referrers = referrers;
    this.window = window;
    this.hasher = hasher;
    this.journal = journal;
    this.metrics = metrics;
  }

  /**
   * Records the views once they are all valid.
   *
   * @param key the request id and fingerprint, when the client sent one: a retry returns the
   *     first result without counting again
   * @return how many views were recorded
   * @throws DomainException INVALID_ARGUMENT naming each bad field ({@code views[i].url} ...)
   */
  public int record(String projectId, List<PageViewInput> views, Optional<RequestKey> key) {
    if (views.isEmpty() || views.size() > MAX_BATCH) {
      throw DomainException.invalidField("views", "must hold 1 to " + MAX_BATCH + " views");
    }
    Instant now = window.now();
    List<FieldViolation> violations = new ArrayList<>();
    BatchAggregate batch = new BatchAggregate();
    VisitorHasher.Batch hashes = hasher.forBatch(projectId);
    long[] redactions = new long[AnalyticsMetrics.RedactionKind.values().length];
    for (int i = 0; i < views.size() && violations.size() < MAX_VIOLATIONS; i++) {
      PageViewInput view = views.get(i);
      String field = "views[" + i + "]";
      NormalisedUrl url = null;
      String referrerHost = null;
      try {
        url = paths.normalise(view.url());
      } catch (InvalidUrlException e) {
        violations.add(new FieldViolation(field + ".url", e.getMessage()));
      }
      try {
        referrerHost = referrers.hostToCount(view.referrer(), url == null ? null : url.host());
      } catch (InvalidUrlException e) {
        violations.add(new FieldViolation(field + ".referrer", e.getMessage()));
      }
      Optional<String> timeProblem = window.problem(view.viewTime(), now);
      timeProblem.ifPresent(problem -> violations.add(new FieldViolation(field + ".view_time", problem)));
      if (violations.isEmpty()) {
        redactions[AnalyticsMetrics.RedactionKind.PATH_SEGMENT.ordinal()] += url.cardSegments();
        redactions[AnalyticsMetrics.RedactionKind.QUERY.ordinal()] += url.cardInDroppedPart() ? 1 : 0;
        redactions[AnalyticsMetrics.RedactionKind.REFERRER.ordinal()] += ReferrerHosts.CARD.equals(referrerHost) ? 1 : 0;
        LocalDate day = LocalDate.ofInstant(view.viewTime(), ZoneOffset.UTC);
        batch.add(day, url.path(), referrerHost, hashes.hash(day, view.ipAddress(), view.userAgent()));
      }
    }
    if (!violations.isEmpty()) {
      throw DomainException.invalid("INVALID_FIELD", violations);
    }
    JournalStore.Appended appended = journal.append(projectId, batch, key, now);
    if (!appended.replayed()) {
      metrics.pageViewsIngested(batch.views());
      for (AnalyticsMetrics.RedactionKind kind : AnalyticsMetrics.RedactionKind.values()) {
        metrics.redacted(kind, redactions[kind.ordinal()]);
      }
    }
    return appended.recordedCount();
  }
}
