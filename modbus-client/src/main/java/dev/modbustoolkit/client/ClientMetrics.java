package dev.modbustoolkit.client;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a client's counters since it was built.
 *
 * @param requests requests submitted (each counted once, however many attempts it took)
 * @param sent attempts written to the link (first attempts and retries)
 * @param answers answers received and matched to a request (normal or exception)
 * @param exceptionsByCode exception responses received, by exception code
 * @param timeouts attempts that got no answer in time
 * @param retries attempts made again after a failure
 * @param lateAnswers answers that came for a request that had already timed out: dropped, never delivered
 * @param unexpectedAnswers frames that matched no request (unknown transaction id, or another unit's or function's
 *     answer on a link without transaction ids): dropped
 * @param protocolErrors answers that failed their check (did not decode, or did not match the request)
 * @param connects links opened
 * @param connectFailures attempts to open the link that failed
 * @param disconnects links lost or dropped (not counting {@link ModbusClient#close()})
 * @param latencyP50 median time from the first write of a request to its answer (like the 99th percentile, from a
 *     {@code LatencyHistogram} of modbus-server-core: never below the true value, at most 1/128 above it)
 * @param latencyP99 99th percentile of the same
 * @param latencyMax the longest of the same, exact
 * @param timeoutsInARowByUnit for each unit that timed out last time it was asked, how many times in a row
 */
public record ClientMetrics(
    long requests,
    long sent,
    long answers,
    Map<Integer, Long> exceptionsByCode,
    long timeouts,
    long retries,
    long lateAnswers,
    long unexpectedAnswers,
    long protocolErrors,
    long connects,
    long connectFailures,
    long disconnects,
    Duration latencyP50,
    Duration latencyP99,
    Duration latencyMax,
    Map<Integer, Integer> timeoutsInARowByUnit) {

  /** Copies the maps. */
  public ClientMetrics {
    exceptionsByCode = Map.copyOf(exceptionsByCode);
    timeoutsInARowByUnit = Map.copyOf(timeoutsInARowByUnit);
    Objects.requireNonNull(latencyP50, "latencyP50");
    Objects.requireNonNull(latencyP99, "latencyP99");
    Objects.requireNonNull(latencyMax, "latencyMax");
  }
}
