package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.FunctionCode;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Counters and a latency histogram of one {@link ModbusDispatcher}: requests per function code, exception
 * responses per exception code, responses not sent per reason, malformed requests and dispatch latency.
 *
 * <p>Thread-safe. Recording is lock-free and allocation-free ({@link LongAdder}s and an HdrHistogram
 * {@link Recorder} with a fixed range), so it can sit on every request's path; reading takes a lock.
 */
public final class DispatcherMetrics {
  /** One nanosecond to one minute; longer dispatches are recorded as one minute. */
  private static final long HIGHEST_TRACKABLE_NANOS = Duration.ofMinutes(1).toNanos();

  /** Two significant digits keep the histograms small (about 30 KB each) at 1 % value resolution. */
  private static final int SIGNIFICANT_DIGITS = 2;

  private final LongAdder[] requestsByFunctionCode = adders(256);
  private final LongAdder[] exceptionsByCode = adders(256);
  private final LongAdder[] notSentByReason = adders(NoResponseReason.values().length);
  private final LongAdder malformed = new LongAdder();
  private final LongAdder forwardTimeouts = new LongAdder();
  // Empty PDUs have no function code to count them under, but they are requests all the same.
  private final LongAdder emptyRequests = new LongAdder();
  private final Recorder recorder = new Recorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);

  // Guarded by this: the recorder hands out interval histograms, which are summed here for all-time percentiles.
  private final Histogram accumulated = new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
  private @Nullable Histogram recycled;

  /** Creates empty metrics. */
  public DispatcherMetrics() {}

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  void recordRequest(int functionCode) {
    requestsByFunctionCode[functionCode & 0xFF].increment();
  }

  void recordEmptyRequest() {
    emptyRequests.increment();
  }

  void recordException(int exceptionCode) {
    exceptionsByCode[exceptionCode & 0xFF].increment();
  }

  void recordNotSent(NoResponseReason reason) {
    notSentByReason[reason.ordinal()].increment();
  }

  void recordForwardTimeout() {
    forwardTimeouts.increment();
  }

  void recordMalformed() {
    malformed.increment();
  }

  void recordLatency(long nanos) {
    recorder.recordValue(Math.max(1, Math.min(nanos, HIGHEST_TRACKABLE_NANOS)));
  }

  /**
   * {@return requests received with this function code byte (0..255), whether they were valid or not}
   *
   * @param functionCode the function code
   */
  public long requests(int functionCode) {
    if (functionCode < 0 || functionCode > 0xFF) {
      throw new IllegalArgumentException("function code " + functionCode + " out of range 0..255");
    }
    return requestsByFunctionCode[functionCode].sum();
  }

  /**
   * {@return requests received with this function code}
   *
   * @param functionCode the function code
   */
  public long requests(FunctionCode functionCode) {
    return requests(functionCode.code());
  }

  /** {@return all requests received, including malformed ones} */
  public long totalRequests() {
    return sum(requestsByFunctionCode) + emptyRequests.sum();
  }

  /**
   * Exception responses sent with this exception code (1..255).
   *
   * @param exceptionCode the exception code
   * @return the number of exceptions
   */
  public long exceptions(int exceptionCode) {
    if (exceptionCode < 0 || exceptionCode > 0xFF) {
      throw new IllegalArgumentException("exception code " + exceptionCode + " out of range 0..255");
    }
    return exceptionsByCode[exceptionCode].sum();
  }

  /**
   * Exception responses sent with this exception code.
   *
   * @param exceptionCode the exception code
   * @return the number of exceptions
   */
  public long exceptions(ExceptionCode exceptionCode) {
    return exceptions(exceptionCode.code());
  }

  /** {@return all exception responses sent} */
  public long totalExceptions() {
    return sum(exceptionsByCode);
  }

  /**
   * {@return requests that got no response for this reason}
   *
   * @param reason the reason
   */
  public long responsesNotSent(NoResponseReason reason) {
    return notSentByReason[reason.ordinal()].sum();
  }

  /** {@return requests that got no response, for any reason} */
  public long totalResponsesNotSent() {
    return sum(notSentByReason);
  }

  /**
   * {@return requests whose {@link ForwardingHandler} future did not complete within the forward timeout (each also
   * counted as an exception 0x0B, which answered it)}
   */
  public long forwardTimeouts() {
    return forwardTimeouts.sum();
  }

  /** {@return requests whose PDU could not be decoded (including empty PDUs)} */
  public long malformedRequests() {
    return malformed.sum();
  }

  /**
   * Latency percentiles of every dispatch since creation or the last {@link #reset()}.
   *
   * @return the {@code LatencySnapshot}
   */
  public synchronized LatencySnapshot snapshot() {
    Histogram interval = recorder.getIntervalHistogram(recycled);
    accumulated.add(interval);
    recycled = interval;
    return new LatencySnapshot(
        accumulated.getTotalCount(),
        Duration.ofNanos(accumulated.getValueAtPercentile(50.0)),
        Duration.ofNanos(accumulated.getValueAtPercentile(90.0)),
        Duration.ofNanos(accumulated.getValueAtPercentile(99.0)),
        Duration.ofNanos(accumulated.getValueAtPercentile(99.9)),
        Duration.ofNanos(accumulated.getMaxValue()));
  }

  /** Sets every counter and the latency histogram back to zero. */
  public synchronized void reset() {
    for (LongAdder[] group : new LongAdder[][] {requestsByFunctionCode, exceptionsByCode, notSentByReason}) {
      for (LongAdder a : group) {
        a.reset();
      }
    }
    malformed.reset();
    forwardTimeouts.reset();
    emptyRequests.reset();
    recorder.reset();
    accumulated.reset();
  }

  private static long sum(LongAdder[] adders) {
    long total = 0;
    for (LongAdder a : adders) {
      total += a.sum();
    }
    return total;
  }

  @Override
  public String toString() {
    return "DispatcherMetrics[requests=" + totalRequests() + ", exceptions=" + totalExceptions()
        + ", notSent=" + totalResponsesNotSent() + ", malformed=" + malformedRequests() + "]";
  }
}
