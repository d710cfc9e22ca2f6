package org.custody.analytics.api;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.custody.analytics.ingest.PageViewInput;
import org.custody.proto.analytics.v1.PageView;

/** Contract page views to domain inputs. */
final class PageViewMapper {
  /** The valid range of google.protobuf.Timestamp seconds (0001-01-01 to 9999-12-31). */
  private static final long MIN_SECONDS = -62_135_596_800L;
  private static final long MAX_SECONDS = 253_402_300_799L;

  private PageViewMapper() {}

  static List<PageViewInput> toInputs(List<PageView> views) {
    List<PageViewInput> inputs = new ArrayList<>(views.size());
    for (PageView view : views) {
      inputs.add(new PageViewInput(view.getUrl(), view.getReferrer(), instant(view.getViewTime()),
          view.getVisitor().getIpAddress(), view.getVisitor().getUserAgent()));
    }
    return inputs;
  }

  /** Out-of-range timestamps become the far past or future, which the ingestion window refuses. */
  private static Instant instant(Timestamp timestamp) {
    if (timestamp.getSeconds() < MIN_SECONDS) {
      return Instant.MIN;
    }
    if (timestamp.getSeconds() > MAX_SECONDS) {
      return Instant.MAX;
    }
    return Instant.ofEpochSecond(timestamp.getSeconds(), Math.max(0, Math.min(999_999_999, timestamp.getNanos())));
  }
}
