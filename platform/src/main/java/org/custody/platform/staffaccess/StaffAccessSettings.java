package org.custody.platform.staffaccess;

import java.time.Duration;
import org.custody.platform.config.EnvReader;

/**
 * Where a leaf records its staff reads, and how long a read waits for the record.
 *
 * @param disclosureTarget the disclosure service's gRPC address: CUSTODY_DISCLOSURE_TARGET
 * @param callTimeout the deadline of one RecordStaffAccess call: CUSTODY_STAFF_ACCESS_CALL_TIMEOUT
 */
public record StaffAccessSettings(String disclosureTarget, Duration callTimeout) {
  public static StaffAccessSettings defaults() {
    return new StaffAccessSettings("localhost:7004", Duration.ofSeconds(2));
  }

  public static StaffAccessSettings from(EnvReader env) {
    return new StaffAccessSettings(
        env.string("CUSTODY_DISCLOSURE_TARGET", "localhost:7004"),
        env.duration("CUSTODY_STAFF_ACCESS_CALL_TIMEOUT", Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMinutes(1)));
  }

  public StaffAccessSettings withTarget(String target) {
    return new StaffAccessSettings(target, callTimeout);
  }
}
