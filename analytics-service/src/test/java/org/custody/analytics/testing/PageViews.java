package org.custody.analytics.testing;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.custody.proto.analytics.v1.PageView;
import org.custody.proto.analytics.v1.VisitorHint;

/** Page views for requests. */
public final class PageViews {
  private PageViews() {}

  /** A view by visitor number {@code visitor} (its own IP address and user agent). */
  public static PageView view(String url, String referrer, Instant time, int visitor) {
    return view(url, referrer, time, "198.51." + (visitor / 250) + "." + (visitor % 250 + 1), "TestBrowser/" + visitor);
  }

  public static PageView view(String url, String referrer, Instant time, String ip, String userAgent) {
    return PageView.newBuilder()
        .setUrl(url)
        .setReferrer(referrer)
        .setViewTime(timestamp(time))
        .setVisitor(VisitorHint.newBuilder().setIpAddress(ip).setUserAgent(userAgent))
        .build();
  }

  public static Timestamp timestamp(Instant time) {
    return Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()).build();
  }
}
