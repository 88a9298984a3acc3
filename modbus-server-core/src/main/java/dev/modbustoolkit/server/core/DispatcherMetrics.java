package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.FunctionCode;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and a latency histogram of one {@link ModbusDispatcher}: requests per function code, exception
 * responses per exception code, responses not sent per reason, malformed requests and dispatch latency.
 *
 * <p>Thread-safe. Recording is lock-free and allocation-free ({@link LongAdder}s and a {@link LatencyHistogram}),
 * so it can sit on every request's path; reading takes no lock either and may run while requests are served.
 */
public final class DispatcherMetrics {
  private final LongAdder[] requestsByFunctionCode = adders(256);
  private final LongAdder[] exceptionsByCode = adders(256);
  private final LongAdder[] notSentByReason = adders(NoResponseReason.values().length);
  private final LongAdder malformed = new LongAdder();
  private final LongAdder forwardTimeouts = new LongAdder();
  // Empty PDUs have no function code to count them under, but they are requests all the same.
  private final LongAdder emptyRequests = new LongAdder();
  private final LatencyHistogram latency = new LatencyHistogram();

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
    // At least 1 ns: a clock too coarse to see the dispatch (or an injected one that went back) still counts it.
    latency.record(Math.max(1, nanos));
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
   * Latency percentiles of every dispatch since creation or the last {@link #reset()}, each at most
   * {@link LatencyHistogram#RELATIVE_ERROR} above the true value; the maximum exact.
   *
   * @return the {@code LatencySnapshot}
   */
  public LatencySnapshot snapshot() {
    return latency.snapshot();
  }

  /** Sets every counter and the latency histogram back to zero. */
  public void reset() {
    for (LongAdder[] group : new LongAdder[][] {requestsByFunctionCode, exceptionsByCode, notSentByReason}) {
      for (LongAdder a : group) {
        a.reset();
      }
    }
    malformed.reset();
    forwardTimeouts.reset();
    emptyRequests.reset();
    latency.reset();
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
