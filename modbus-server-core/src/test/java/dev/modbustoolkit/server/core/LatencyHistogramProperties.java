package dev.modbustoolkit.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The histogram against a model that keeps every value: a sorted array, read at the nearest rank (computed here in
 * exact decimal arithmetic, not with the histogram's own rank).
 */
class LatencyHistogramProperties {

  @Property
  void everyPercentileIsAtOrAboveTheTrueValueAndWithinTheRelativeError(
      @ForAll @Size(min = 1, max = 300) List<@From("latencies") Long> values,
      @ForAll("percentiles") double percentile) {
    LatencyHistogram h = new LatencyHistogram();
    values.forEach(h::record);
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();

    long exact = sorted[modelRank(percentile, sorted.length) - 1];
    long reported = h.valueAtPercentile(percentile);

    assertThat(reported).isGreaterThanOrEqualTo(exact);
    // RELATIVE_ERROR is 1/128: the excess is below exact / 128 (exact below 128: no excess at all).
    assertThat(reported - exact).isLessThanOrEqualTo(exact >>> 7);
    assertThat(reported).isLessThanOrEqualTo(sorted[sorted.length - 1]);
  }

  @Property
  void countAndMaximumAreExactAndTheSnapshotAgreesWithSingleReadings(
      @ForAll @Size(min = 1, max = 300) List<@From("latencies") Long> values) {
    LatencyHistogram h = new LatencyHistogram();
    values.forEach(h::record);
    long max = values.stream().mapToLong(Long::longValue).max().orElseThrow();

    LatencySnapshot s = h.snapshot();

    assertThat(h.count()).isEqualTo(values.size());
    assertThat(h.max()).isEqualTo(max);
    assertThat(s).isEqualTo(new LatencySnapshot(values.size(), Duration.ofNanos(h.valueAtPercentile(50)),
        Duration.ofNanos(h.valueAtPercentile(90)), Duration.ofNanos(h.valueAtPercentile(99)),
        Duration.ofNanos(h.valueAtPercentile(99.9)), Duration.ofNanos(max)));
    assertThat(h.valueAtPercentile(100)).isEqualTo(max);
    assertThat(s.p50()).isLessThanOrEqualTo(s.p90());
    assertThat(s.p90()).isLessThanOrEqualTo(s.p99());
    assertThat(s.p99()).isLessThanOrEqualTo(s.p999());
    assertThat(s.p999()).isLessThanOrEqualTo(s.max());
  }

  @Property(tries = 30)
  void valuesSplitAcrossThreadsGiveTheSameHistogramAsOneThread(
      @ForAll @Size(min = 1, max = 2000) List<@From("latencies") Long> values,
      @ForAll @IntRange(min = 2, max = 4) int n) throws InterruptedException {
    LatencyHistogram shared = new LatencyHistogram();
    LatencyHistogram alone = new LatencyHistogram();
    values.forEach(alone::record);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int first = t;
      threads.add(Thread.ofPlatform().start(() -> {
        awaitQuietly(start);
        for (int i = first; i < values.size(); i += n) {
          shared.record(values.get(i));
        }
      }));
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }

    assertThat(shared.count()).isEqualTo(values.size());
    assertThat(shared.snapshot()).isEqualTo(alone.snapshot());
  }

  /** Nanosecond latencies of every magnitude: exact small values, typical micro- and milliseconds, anything. */
  @Provide
  Arbitrary<Long> latencies() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.longs().between(0, 300)),
        Tuple.of(4, Arbitraries.longs().between(1_000, 100_000_000)),
        Tuple.of(1, Arbitraries.longs().between(0, Long.MAX_VALUE)));
  }

  @Provide
  Arbitrary<Double> percentiles() {
    return Arbitraries.oneOf(Arbitraries.of(0.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0),
        Arbitraries.doubles().between(0, 100));
  }

  /**
   * ceil(percentile / 100 * n), at least 1, in exact decimal arithmetic on the percentile as written (99.9, not the
   * binary double nearest to it).
   */
  private static int modelRank(double percentile, int n) {
    int rank = BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(n))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValueExact();
    return Math.max(1, rank);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
