package dev.modbustoolkit.client.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free log-linear histogram of nanosecond latencies: 16 sub-buckets per power of two, so a percentile is
 * within about 6 % of the true value. The client's own rather than HdrHistogram, which is an automatic module and
 * keeps a jlink image from being built.
 */
final class LatencyHistogram {
  private static final int SUB_BITS = 4;
  private static final int SUB = 1 << SUB_BITS;
  private final AtomicLongArray counts = new AtomicLongArray(64 * SUB);
  private final AtomicLongArray max = new AtomicLongArray(1);

  void record(long nanos) {
    long v = Math.max(1, nanos);
    counts.incrementAndGet(index(v));
    long m;
    while ((m = max.get(0)) < v && !max.compareAndSet(0, m, v)) {
      Thread.onSpinWait();
    }
  }

  static int index(long v) {
    int exponent = 63 - Long.numberOfLeadingZeros(v);
    if (exponent < SUB_BITS) {
      return (int) v;
    }
    int mantissa = (int) (v >>> (exponent - SUB_BITS)) & (SUB - 1);
    return (exponent - SUB_BITS + 1) * SUB + mantissa;
  }

  /** The upper bound of the values in bucket {@code index}. */
  static long upperBound(int index) {
    if (index < SUB) {
      return index;
    }
    int exponent = index / SUB + SUB_BITS - 1;
    long mantissa = index % SUB;
    return ((SUB + mantissa + 1) << (exponent - SUB_BITS)) - 1;
  }

  long percentile(double fraction) {
    long total = 0;
    for (int i = 0; i < counts.length(); i++) {
      total += counts.get(i);
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(fraction * total));
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(upperBound(i), max.get(0));
      }
    }
    return max.get(0);
  }

  long max() {
    return max.get(0);
  }
}
