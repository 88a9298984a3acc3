package dev.modbustoolkit.server.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Latency percentiles from a {@link LatencyHistogram}: for {@link DispatcherMetrics#snapshot()}, over all requests
 * since the metrics were created or last reset, measured from the call of {@code dispatch} to its return (decode,
 * handler, encode). Each percentile is at most {@link LatencyHistogram#RELATIVE_ERROR} (1/128, under 0.79 %) above
 * the true value and never below it; the maximum is exact.
 *
 * @param count how many dispatches were measured
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max the longest dispatch
 */
public record LatencySnapshot(long count, Duration p50, Duration p90, Duration p99, Duration p999, Duration max) {

  /** Rejects negative counts and null durations. */
  public LatencySnapshot {
    if (count < 0) {
      throw new IllegalArgumentException("count " + count + " is negative");
    }
    Objects.requireNonNull(p50, "p50");
    Objects.requireNonNull(p90, "p90");
    Objects.requireNonNull(p99, "p99");
    Objects.requireNonNull(p999, "p999");
    Objects.requireNonNull(max, "max");
  }
}
