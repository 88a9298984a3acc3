package dev.modbustoolkit.server.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free log-linear histogram of latencies in nanoseconds, for metrics that record on every request's path:
 * the dispatcher's ({@link DispatcherMetrics}) and the client's. The toolkit's own rather than HdrHistogram,
 * which is an automatic module (named from its jar file) and so keeps a {@code jlink} image from being built.
 *
 * <p>Resolution: values 0 to 127 have a bucket each and are held exactly; above that every power of two
 * [2<sup>e</sup>, 2<sup>e+1</sup>) is cut into 128 equal buckets. A percentile is reported as the highest value
 * of its bucket (never above the maximum), so it is never below the true value and at most 1/128 (under 0.79 %)
 * above it; {@link #RELATIVE_ERROR} is that bound. The maximum is exact. 7,296 buckets (about 58 KB) cover every
 * value from 0 to {@link Long#MAX_VALUE}: nothing is clamped.
 *
 * <p>Thread-safe. {@link #record(long)} is lock-free and allocates nothing (one atomic increment, and a
 * compare-and-set while the maximum grows), so any number of threads may record at once without losing a count.
 * Reading ({@link #count()}, {@link #valueAtPercentile(double)}, {@link #snapshot()}) may run while others record:
 * it then sees some of the values recorded meanwhile, and every value it counts is at most the maximum it
 * reports. A {@link #reset()} while others record may keep or drop the values recorded during it.
 */
public final class LatencyHistogram {
  /** Bits of the value below its leading one bit that choose a bucket: 2<sup>7</sup> = 128 per power of two. */
  static final int SUB_BUCKET_BITS = 7;

  static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

  /** One group of 128 for 0..127, then one per power of two from 2<sup>7</sup> to 2<sup>62</sup>. */
  static final int BUCKETS = (Long.SIZE - SUB_BUCKET_BITS) * SUB_BUCKETS;

  /** How far above the true value a reported percentile may be, relative to the true value: 1/128. */
  public static final double RELATIVE_ERROR = 1.0 / SUB_BUCKETS;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong max = new AtomicLong();

  /** Creates an empty histogram. */
  public LatencyHistogram() {}

  /**
   * Records one latency.
   *
   * @param nanos the latency in nanoseconds, 0 or more
   * @throws IllegalArgumentException if {@code nanos} is negative
   */
  public void record(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("latency " + nanos + " ns is negative");
    }
    // The maximum first, then the count: a reader that sees the count and then reads the maximum sees a maximum
    // at least this value, so no percentile it reports exceeds the maximum it reports.
    long m = max.get();
    while (m < nanos && !max.compareAndSet(m, nanos)) {
      m = max.get();
    }
    counts.incrementAndGet(bucketOf(nanos));
  }

  /** {@return how many latencies were recorded since creation or the last {@link #reset()}} */
  public long count() {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += counts.get(i);
    }
    return total;
  }

  /** {@return the longest latency recorded, exact, in nanoseconds; 0 when none was} */
  public long max() {
    return count() == 0 ? 0 : max.get();
  }

  /**
   * The latency that {@code percentile} per cent of the recorded latencies do not exceed (nearest rank), in
   * nanoseconds, at most {@link #RELATIVE_ERROR} above the true value and never above {@link #max()}.
   *
   * @param percentile 0 to 100; 0 gives the smallest latency (within the resolution), 100 the maximum
   * @return the latency in nanoseconds, or 0 when nothing was recorded
   * @throws IllegalArgumentException if {@code percentile} is not within 0..100
   */
  public long valueAtPercentile(double percentile) {
    checkPercentile(percentile);
    long[] copy = copyCounts();
    return valueAt(copy, total(copy), percentile, max.get());
  }

  /**
   * The count, median, 90th, 99th and 99.9th percentiles and maximum, all from one reading of the buckets.
   *
   * @return the snapshot; every field zero when nothing was recorded
   */
  public LatencySnapshot snapshot() {
    long[] copy = copyCounts();
    long total = total(copy);
    if (total == 0) {
      return new LatencySnapshot(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
    long m = max(copy, max.get());
    return new LatencySnapshot(total,
        Duration.ofNanos(valueAt(copy, total, 50.0, m)),
        Duration.ofNanos(valueAt(copy, total, 90.0, m)),
        Duration.ofNanos(valueAt(copy, total, 99.0, m)),
        Duration.ofNanos(valueAt(copy, total, 99.9, m)),
        Duration.ofNanos(m));
  }

  /** Empties the histogram: count and maximum back to zero. */
  public void reset() {
    for (int i = 0; i < BUCKETS; i++) {
      counts.set(i, 0);
    }
    max.set(0);
  }

  /**
   * {@return the bucket that holds {@code value}}
   *
   * @param value 0 or more
   */
  static int bucketOf(long value) {
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    if (exponent < SUB_BUCKET_BITS) {
      return (int) value;
    }
    int mantissa = (int) (value >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
    return (exponent - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + mantissa;
  }

  /**
   * {@return the smallest value bucket {@code bucket} holds}
   *
   * @param bucket 0 to {@link #BUCKETS} - 1
   */
  static long lowestValueIn(int bucket) {
    if (bucket < SUB_BUCKETS) {
      return bucket;
    }
    int shift = bucket / SUB_BUCKETS - 1;
    long mantissa = bucket % SUB_BUCKETS;
    return (SUB_BUCKETS + mantissa) << shift;
  }

  /**
   * {@return the largest value bucket {@code bucket} holds}
   *
   * @param bucket 0 to {@link #BUCKETS} - 1
   */
  static long highestValueIn(int bucket) {
    if (bucket < SUB_BUCKETS) {
      return bucket;
    }
    int shift = bucket / SUB_BUCKETS - 1;
    // The last bucket, 255 << 55 plus 2^55 - 1, ends at Long.MAX_VALUE exactly: no overflow.
    return lowestValueIn(bucket) + (1L << shift) - 1;
  }

  private long[] copyCounts() {
    long[] copy = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      copy[i] = counts.get(i);
    }
    return copy;
  }

  private static long total(long[] copy) {
    long total = 0;
    for (long c : copy) {
      total += c;
    }
    return total;
  }

  /**
   * The recorded maximum, raised to the smallest value of the highest bucket counted: a reset that ran while
   * others recorded may have cleared the maximum of a value whose count it left.
   */
  private static long max(long[] copy, long recordedMax) {
    for (int i = BUCKETS - 1; i >= 0; i--) {
      if (copy[i] != 0) {
        return Math.max(recordedMax, lowestValueIn(i));
      }
    }
    return recordedMax;
  }

  private static long valueAt(long[] copy, long total, double percentile, long recordedMax) {
    if (total == 0) {
      return 0;
    }
    long m = max(copy, recordedMax);
    long rank = rank(percentile, total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += copy[i];
      if (seen >= rank) {
        return Math.min(highestValueIn(i), m);
      }
    }
    return m;
  }

  /**
   * The nearest rank, ceil(percentile / 100 * total), within 1..total. A few ulps come off first, so that a
   * product that is an integer but computes a hair above it (0.999 * 1000 = 999.0000000000001) is not rounded up
   * to the next rank.
   */
  static long rank(double percentile, long total) {
    double exact = percentile / 100.0 * total;
    long rank = (long) Math.ceil(exact - 4 * Math.ulp(exact));
    return Math.max(1, Math.min(total, rank));
  }

  private static void checkPercentile(double percentile) {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile " + percentile + " is not within 0..100");
    }
  }

  @Override
  public String toString() {
    return "LatencyHistogram" + snapshot();
  }
}
