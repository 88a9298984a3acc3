package dev.modbustoolkit.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The log-linear latency histogram: buckets, percentiles of known distributions, max, reset, concurrency. */
class LatencyHistogramTest {

  @Test
  void anEmptyHistogramReportsZeroEverywhere() {
    LatencyHistogram h = new LatencyHistogram();

    assertThat(h.count()).isZero();
    assertThat(h.max()).isZero();
    assertThat(h.valueAtPercentile(50)).isZero();
    assertThat(h.snapshot()).isEqualTo(new LatencySnapshot(0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ZERO, Duration.ZERO));
  }

  @Test
  void valuesBelow128AreHeldExactly() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 0; v < 128; v++) {
      h.record(v);
    }

    assertThat(h.count()).isEqualTo(128);
    assertThat(h.valueAtPercentile(0)).isZero();
    assertThat(h.valueAtPercentile(50)).isEqualTo(63); // rank 64 of 128
    assertThat(h.valueAtPercentile(90)).isEqualTo(115); // rank ceil(115.2) = 116
    assertThat(h.valueAtPercentile(100)).isEqualTo(127);
    assertThat(h.max()).isEqualTo(127);
  }

  @Test
  void uniformOneToTenThousandGivesTheBucketTopsWorkedOutByHand() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 10_000; v++) {
      h.record(v);
    }

    LatencySnapshot s = h.snapshot();
    assertThat(s.count()).isEqualTo(10_000);
    // 5000 lies in [4096, 8192), cut into 128 buckets of 32: bucket [4992, 5023].
    assertThat(s.p50()).isEqualTo(Duration.ofNanos(5023));
    // 9000 and 9900 lie in [8192, 16384), buckets of 64: [8960, 9023] and [9856, 9919].
    assertThat(s.p90()).isEqualTo(Duration.ofNanos(9023));
    assertThat(s.p99()).isEqualTo(Duration.ofNanos(9919));
    // 9990 lies in [9984, 10047], whose top is above the largest value recorded: the maximum caps it.
    assertThat(s.p999()).isEqualTo(Duration.ofNanos(10_000));
    assertThat(s.max()).isEqualTo(Duration.ofNanos(10_000));
  }

  @Test
  void aSkewedDistributionStaysWithinTheRelativeErrorOfEachPercentile() {
    // 99 % fast answers around 200 us, 1 % slow ones around 50 ms: the tail must not be smeared into the body.
    SplittableRandom random = new SplittableRandom(7);
    LatencyHistogram h = new LatencyHistogram();
    long[] values = new long[100_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 100 == 0 ? 50_000_000 + random.nextLong(1_000_000) : 200_000 + random.nextLong(20_000);
      h.record(values[i]);
    }
    Arrays.sort(values);

    for (double p : new double[] {1, 50, 90, 98.9, 99, 99.5, 99.9, 100}) {
      long exact = values[(int) LatencyHistogram.rank(p, values.length) - 1];
      long reported = h.valueAtPercentile(p);
      assertThat(reported).as("p%s", p).isGreaterThanOrEqualTo(exact)
          .isLessThanOrEqualTo(exact + (long) (exact * LatencyHistogram.RELATIVE_ERROR));
    }
    assertThat(h.valueAtPercentile(98.9)).isLessThan(230_000);
    assertThat(h.valueAtPercentile(99.5)).isGreaterThanOrEqualTo(50_000_000);
    assertThat(h.max()).isEqualTo(values[values.length - 1]);
  }

  @Test
  void theMaximumIsExactAndCapsEveryPercentile() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(1_000_003); // its bucket, 4096 wide, is [999 424, 1 003 519]: the top is well above the value

    assertThat(h.max()).isEqualTo(1_000_003);
    assertThat(h.valueAtPercentile(50)).isEqualTo(1_000_003);
    assertThat(h.snapshot().p999()).isEqualTo(Duration.ofNanos(1_000_003));
  }

  @Test
  void theWholeRangeOfLongIsCoveredWithoutClamping() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(Long.MAX_VALUE);
    h.record(Duration.ofHours(2).toNanos());

    assertThat(h.max()).isEqualTo(Long.MAX_VALUE);
    assertThat(h.valueAtPercentile(50)).isBetween(Duration.ofHours(2).toNanos(),
        Duration.ofHours(2).toNanos() + Duration.ofHours(2).toNanos() / 128);
    assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
    assertThat(LatencyHistogram.highestValueIn(LatencyHistogram.BUCKETS - 1)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void bucketsTileZeroToLongMaxValueWithoutGapOrOverlap() {
    assertThat(LatencyHistogram.lowestValueIn(0)).isZero();
    for (int i = 0; i < LatencyHistogram.BUCKETS; i++) {
      long low = LatencyHistogram.lowestValueIn(i);
      long high = LatencyHistogram.highestValueIn(i);
      assertThat(LatencyHistogram.bucketOf(low)).as("bucket of %d", low).isEqualTo(i);
      assertThat(LatencyHistogram.bucketOf(high)).as("bucket of %d", high).isEqualTo(i);
      // Width within 1/128 of the bucket's smallest value: the stated relative error.
      assertThat(high - low).as("width of bucket %d", i).isLessThanOrEqualTo(low >>> 7);
      if (i + 1 < LatencyHistogram.BUCKETS) {
        assertThat(LatencyHistogram.lowestValueIn(i + 1)).as("start of bucket %d", i + 1).isEqualTo(high + 1);
      }
    }
  }

  @Test
  void nearestRankIsNotPushedUpByFloatingPointNoise() {
    assertThat(LatencyHistogram.rank(99.9, 1000)).isEqualTo(999); // 0.999 * 1000 = 999.0000000000001
    assertThat(LatencyHistogram.rank(50, 3)).isEqualTo(2);
    assertThat(LatencyHistogram.rank(0, 5)).isEqualTo(1);
    assertThat(LatencyHistogram.rank(100, 5)).isEqualTo(5);
    assertThat(LatencyHistogram.rank(99, 101)).isEqualTo(100); // 99.99 -> 100
  }

  @Test
  void resetEmptiesCountsAndMaximumAndRecordingGoesOn() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(5_000_000);
    h.record(7);

    h.reset();

    assertThat(h.count()).isZero();
    assertThat(h.max()).isZero();
    h.record(300);
    assertThat(h.count()).isEqualTo(1);
    assertThat(h.max()).isEqualTo(300);
    assertThat(h.valueAtPercentile(100)).isEqualTo(300);
  }

  @Test
  void badInputsAreRejectedNamingTheValue() {
    LatencyHistogram h = new LatencyHistogram();

    assertThatThrownBy(() -> h.record(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latency -1 ns is negative");
    assertThatThrownBy(() -> h.valueAtPercentile(100.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("percentile 100.5 is not within 0..100");
    assertThatThrownBy(() -> h.valueAtPercentile(-0.1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-0.1");
    assertThatThrownBy(() -> h.valueAtPercentile(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
    assertThat(h.count()).as("nothing recorded by the refused call").isZero();
  }

  @Test
  void threadsRecordingAtOnceLoseNoCountAndAgreeWithOneThread() throws Exception {
    int threads = 4;
    int perThread = 200_000;
    LatencyHistogram shared = new LatencyHistogram();
    LatencyHistogram sequential = new LatencyHistogram();
    long[][] values = new long[threads][perThread];
    SplittableRandom random = new SplittableRandom(42);
    for (long[] row : values) {
      for (int i = 0; i < perThread; i++) {
        // Most values in a few hot buckets, so the threads collide on the same counters.
        row[i] = i % 10 == 0 ? random.nextLong(1, 1L << 40) : 1000 + random.nextLong(64);
        sequential.record(row[i]);
      }
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (long[] row : values) {
        done.add(pool.submit(() -> {
          start.await();
          for (long v : row) {
            shared.record(v);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(shared.count()).isEqualTo((long) threads * perThread);
    // Counts per bucket do not depend on the order of recording: the same figures as one thread's.
    assertThat(shared.snapshot()).isEqualTo(sequential.snapshot());
    for (double p : new double[] {0, 10, 50, 89.9, 90, 99, 99.99, 100}) {
      assertThat(shared.valueAtPercentile(p)).as("p%s", p).isEqualTo(sequential.valueAtPercentile(p));
    }
  }

  @Test
  void recordingAllocatesNothing() {
    AllocationCounter counter = AllocationCounter.current();
    LatencyHistogram h = new LatencyHistogram();
    int rounds = 200_000;
    for (int i = 0; i < rounds; i++) {
      h.record(i * 37L);
    }
    long before = counter.bytes();
    for (int i = 0; i < rounds; i++) {
      h.record(i * 37L);
    }
    long perRecord = (counter.bytes() - before) / rounds;

    assertThat(perRecord).as("bytes allocated per record").isZero();
    assertThat(h.count()).isEqualTo(2L * rounds);
  }
}
