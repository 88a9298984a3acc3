package dev.modbustoolkit.client;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.jspecify.annotations.Nullable;

/**
 * What a load run counts: answers and errors inside the measured window, errors during warm-up, and the latency of
 * every measured answer (send to checked answer), one histogram per connection (an uncontended lock each).
 */
final class LoadStats {
  private final Histogram[] histograms;
  private final LongAdder ok = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder warmErrors = new LongAdder();
  private final AtomicReference<@Nullable String> firstError = new AtomicReference<>();
  private volatile int phase; // 0 warm-up, 1 measuring, 2 over
  private long beginNanos;
  private long endNanos;

  LoadStats(int connections) {
    histograms = new Histogram[connections];
    for (int i = 0; i < connections; i++) {
      histograms[i] = new SynchronizedHistogram(3_600_000_000_000L, 3);
    }
  }

  void begin() {
    beginNanos = System.nanoTime();
    phase = 1;
  }

  void end() {
    phase = 2;
    endNanos = System.nanoTime();
  }

  /** Records one answer of connection {@code lane} to a request sent at {@code sentNanos}. */
  void answered(int lane, long sentNanos) {
    if (phase == 1) {
      long now = System.nanoTime();
      ok.increment();
      histograms[lane].recordValue(Math.max(0, now - sentNanos));
    }
  }

  /** Records one failed request: no answer, a wrong one, or an exception. */
  void failed(String what) {
    int p = phase;
    if (p == 1) {
      errors.increment();
    } else if (p == 0) {
      warmErrors.increment();
    }
    firstError.compareAndSet(null, what);
  }

  long elapsedNanos() {
    return endNanos - beginNanos;
  }

  long ok() {
    return ok.sum();
  }

  long errors() {
    return errors.sum();
  }

  long warmErrors() {
    return warmErrors.sum();
  }

  @Nullable String firstError() {
    return firstError.get();
  }

  Histogram latencies() {
    Histogram all = new Histogram(3_600_000_000_000L, 3);
    for (Histogram h : histograms) {
      all.add(h);
    }
    return all;
  }
}
