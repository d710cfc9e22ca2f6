package org.custody.identity.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.platform.domain.Slice;

/** The in-memory fake of SessionStore, counting reads and activity writes for the hot-path rules. */
final class InMemorySessionStore implements SessionStore {
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  final AtomicInteger tokenLookups = new AtomicInteger();
  final AtomicInteger activityWrites = new AtomicInteger();
  /** Runs when an activity flush has left memory but not reached the store yet (a slow database). */
  Runnable beforeRecordingActivity = () -> {};

  @Override
  public synchronized void insert(Session session) {
    sessions.add(session);
  }

  @Override
  public Optional<Session> findByTokenHash(byte[] tokenHash) {
    tokenLookups.incrementAndGet();
    return sessions.stream().filter(s -> Arrays.equals(s.tokenHash(), tokenHash)).findFirst();
  }

  @Override
  public Optional<Session> find(String projectId, String accountId, String sessionId) {
    return sessions.stream().filter(s -> s.id().equals(sessionId) && s.projectId().equals(projectId) && s.accountId().equals(accountId)).findFirst();
  }

  @Override
  public void recordActivity(java.util.Map<String, Instant> lastActiveBySessionId) {
    beforeRecordingActivity.run();
    record(lastActiveBySessionId);
  }

  private synchronized void record(java.util.Map<String, Instant> lastActiveBySessionId) {
    lastActiveBySessionId.forEach((sessionId, time) -> {
      activityWrites.incrementAndGet();
      replace(sessionId, s -> s.ended() || !time.isAfter(s.lastActiveTime()) ? s
          : new Session(s.id(), s.projectId(), s.accountId(), s.tokenHash(), s.createTime(), time, s.absoluteExpireTime(), s.endTime(), s.endReason(), s.aal()));
    });
  }

  private static boolean live(Session s, Instant now, Instant idleSince) {
    return !s.ended() && s.absoluteExpireTime().isAfter(now) && s.lastActiveTime().isAfter(idleSince);
  }

  @Override
  public Slice<Session> listLive(String projectId, String accountId, Instant now, Instant idleSince, String cursor, int size) {
    List<Session> live = sessions.stream()
        .filter(s -> s.projectId().equals(projectId) && s.accountId().equals(accountId) && live(s, now, idleSince))
        .sorted(Comparator.comparing(Session::createTime).reversed()).toList();
    return new Slice<>(live.stream().limit(size).toList(), Optional.empty());
  }

  @Override
  public synchronized List<byte[]> endAll(String projectId, String accountId, String keepSessionId, Instant time, Session.EndReason reason) {
    List<byte[]> ended = new ArrayList<>();
    for (Session s : List.copyOf(sessions)) {
      if (s.projectId().equals(projectId) && s.accountId().equals(accountId) && !s.ended() && !s.id().equals(keepSessionId)) {
        end(s.id(), time, reason);
        ended.add(s.tokenHash());
      }
    }
    return ended;
  }

  @Override
  public synchronized boolean end(String sessionId, Instant time, Session.EndReason reason) {
    Optional<Session> open = sessions.stream().filter(s -> s.id().equals(sessionId) && !s.ended()).findFirst();
    open.ifPresent(s -> replace(sessionId, x -> new Session(x.id(), x.projectId(), x.accountId(), x.tokenHash(), x.createTime(),
        x.lastActiveTime(), x.absoluteExpireTime(), Optional.of(time), Optional.of(reason), x.aal())));
    return open.isPresent();
  }

  @Override
  public List<Session> listAll(String projectId, String accountId) {
    return sessions.stream().filter(s -> s.projectId().equals(projectId) && s.accountId().equals(accountId)).toList();
  }

  @Override
  public synchronized List<Session> deleteAll(String projectId, String accountId) {
    List<Session> all = listAll(projectId, accountId);
    sessions.removeAll(all);
    return all;
  }

  @Override
  public synchronized int deleteEnded(Instant endedBefore) {
    List<Session> gone = sessions.stream().filter(s -> s.endTime().filter(t -> t.isBefore(endedBefore)).isPresent()).toList();
    sessions.removeAll(gone);
    return gone.size();
  }

  @Override
  public synchronized int deleteExpired(Instant expiredBefore, Instant idleBefore) {
    List<Session> gone = sessions.stream().filter(s -> !s.ended()
        && (s.absoluteExpireTime().isBefore(expiredBefore) || s.lastActiveTime().isBefore(idleBefore))).toList();
    sessions.removeAll(gone);
    return gone.size();
  }

  @Override
  public long countLive(Instant now, Instant idleSince) {
    return sessions.stream().filter(s -> live(s, now, idleSince)).count();
  }

  List<Session> all() {
    return List.copyOf(sessions);
  }

  private void replace(String id, java.util.function.UnaryOperator<Session> change) {
    for (int i = 0; i < sessions.size(); i++) {
      if (sessions.get(i).id().equals(id)) {
        sessions.set(i, change.apply(sessions.get(i)));
      }
    }
  }
}
