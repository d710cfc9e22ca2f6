package org.custody.analytics.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.custody.analytics.salt.DailySalts;

/**
 * The visitor's keyed hash, as Plausible computes it: HMAC-SHA-256 under the day's random salt
 * of (project, IP address, user agent), cut to 64 bits. The same person is the same hash all day
 * on one project, a different hash on another day or project; once the day's salt is destroyed,
 * nobody (we included) can recompute or link it. The inputs are dropped right after.
 */
public final class VisitorHasher {
  private final DailySalts salts;

  public VisitorHasher(DailySalts salts) {
    this.salts = salts;
  }

  /** A hasher for one batch: it holds one MAC per day seen. Not thread-safe. */
  public Batch forBatch(String projectId) {
    return new Batch(projectId);
  }

  /** Hashes the views of one batch. */
  public final class Batch {
    private final byte[] project;
    private final Map<LocalDate, Mac> macs = new HashMap<>();

    private Batch(String projectId) {
      this.project = projectId.getBytes(StandardCharsets.UTF_8);
    }

    public long hash(LocalDate day, String ipAddress, String userAgent) {
      Mac mac = macs.computeIfAbsent(day, VisitorHasher.this::macFor);
      mac.update(project);
      mac.update((byte) 0);
      mac.update(ipAddress.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(userAgent.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(mac.doFinal()).getLong();
    }
  }

  private Mac macFor(LocalDate day) {
    byte[] salt = salts.saltFor(day);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    } finally {
      java.util.Arrays.fill(salt, (byte) 0);
    }
  }
}
