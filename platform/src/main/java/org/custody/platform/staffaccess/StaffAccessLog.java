package org.custody.platform.staffaccess;

/**
 * Where staff reads are recorded: the disclosure service's ledger, through
 * {@code StaffAccessService/RecordStaffAccess} from a leaf, or in-process inside disclosure.
 */
public interface StaffAccessLog {
  /** The ErrorInfo reason of a staff read refused because it could not be recorded. */
  String UNRECORDED = "STAFF_ACCESS_UNRECORDED";

  /**
   * Records {@code access} durably before it returns; otherwise throws a
   * {@link org.custody.platform.errors.DomainException} (UNAVAILABLE, {@link #UNRECORDED}), and
   * the read it stands for must not be answered.
   */
  void record(StaffAccess access);
}
