package org.custody.identity.factor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of TOTP enrolments, recovery codes (hashes) and pending login challenges (hashes). */
public interface SecondFactorStore {
  Optional<TotpCredential> findTotp(String projectId, String accountId);

  /** Stores a new pending enrolment, replacing any pending one (a confirmed one is never replaced). */
  void putPendingTotp(TotpCredential credential);

  /** Confirms a pending enrolment with the step of its first code; false if none was pending. */
  boolean confirmTotp(String projectId, String accountId, Instant time, long step);

  /** Moves the last accepted step forward to {@code step}; false when it already was there or later (a replay). */
  boolean advanceStep(String projectId, String accountId, long step);

  int deleteTotp(String projectId, String accountId);

  void replaceRecoveryCodes(String projectId, String accountId, List<byte[]> hashes, Instant time);

  /** Deletes the code; true only for the one call that deleted it. */
  boolean useRecoveryCode(String projectId, String accountId, byte[] hash);

  int countRecoveryCodes(String projectId, String accountId);

  int deleteRecoveryCodes(String projectId, String accountId);

  void insertChallenge(LoginChallenge challenge);

  Optional<LoginChallenge> findChallenge(byte[] hash);

  /** Counts a wrong answer; returns the attempts now recorded. */
  int recordChallengeFailure(byte[] hash);

  /** Deletes the challenge; true only for the one call that deleted it. */
  boolean deleteChallenge(byte[] hash);

  int deleteChallenges(String projectId, String accountId);

  int deleteExpiredChallenges(Instant before);
}
