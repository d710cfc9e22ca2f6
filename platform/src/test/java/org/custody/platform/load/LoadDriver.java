package org.custody.platform.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A small closed-loop load driver for the benchmarks: {@code concurrency} threads each call the
 * operation back to back for the duration (after a warm-up that is not measured), recording each
 * call's latency in an HdrHistogram.
 */
public final class LoadDriver {
  /** One blocking call; throwing counts as an error. */
  @FunctionalInterface
  public interface Call {
    void run(int worker, long iteration) throws Exception;
  }

  /** What a run measured. Latencies in microseconds. */
  public record Result(String name, int concurrency, Duration duration, long calls, long errors,
      double callsPerSecond, long p50Micros, long p99Micros, long p999Micros, long maxMicros) {

    public String line() {
      return String.format("%-44s conc=%3d calls=%9d errors=%6d  %10.1f calls/s  p50=%8.2f ms  p99=%8.2f ms  p99.9=%8.2f ms  max=%8.2f ms",
          name, concurrency, calls, errors, callsPerSecond, p50Micros / 1000.0, p99Micros / 1000.0, p999Micros / 1000.0, maxMicros / 1000.0);
    }
  }

  private LoadDriver() {}

  public static Result run(String name, int concurrency, Duration warmup, Duration duration, Call call) throws InterruptedException {
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    AtomicLong errors = new AtomicLong();
    AtomicLong calls = new AtomicLong();
    Recorder recorder = new Recorder(3);
    CountDownLatch done = new CountDownLatch(concurrency);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      int worker = w;
      Thread t = new Thread(() -> {
        long i = 0;
        try {
          while (!stop.get()) {
            long start = System.nanoTime();
            boolean ok = true;
            try {
              call.run(worker, i++);
            } catch (Exception e) {
              ok = false;
            }
            if (measuring.get()) {
              recorder.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
              calls.incrementAndGet();
              if (!ok) {
                errors.incrementAndGet();
              }
            }
          }
        } finally {
          done.countDown();
        }
      }, "load-" + name + "-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    Thread.sleep(warmup.toMillis());
    recorder.reset();
    long started = System.nanoTime();
    measuring.set(true);
    Thread.sleep(duration.toMillis());
    measuring.set(false);
    long elapsed = System.nanoTime() - started;
    Histogram histogram = recorder.getIntervalHistogram();
    stop.set(true);
    done.await();
    double seconds = elapsed / 1e9;
    long total = histogram.getTotalCount();
    return new Result(name, concurrency, Duration.ofNanos(elapsed), total, errors.get(), total / seconds,
        histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
        histogram.getMaxValue());
  }
}
