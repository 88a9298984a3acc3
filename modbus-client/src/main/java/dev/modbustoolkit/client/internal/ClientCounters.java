package dev.modbustoolkit.client.internal;

import dev.modbustoolkit.client.ClientMetrics;
import dev.modbustoolkit.server.core.LatencyHistogram;
import dev.modbustoolkit.server.core.LatencySnapshot;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link ClientMetrics}: lock-free, allocation-free to update. */
final class ClientCounters {
  final LongAdder requests = new LongAdder();
  final LongAdder sent = new LongAdder();
  final LongAdder answers = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder lateAnswers = new LongAdder();
  final LongAdder unexpectedAnswers = new LongAdder();
  final LongAdder protocolErrors = new LongAdder();
  final LongAdder connects = new LongAdder();
  final LongAdder connectFailures = new LongAdder();
  final LongAdder disconnects = new LongAdder();
  private final AtomicLongArray exceptions = new AtomicLongArray(256);
  // The dispatcher's histogram (modbus-server-core, which the client reaches through modbus-transport): one
  // implementation for both, and no automatic module (HdrHistogram) to keep a jlink image from being built.
  private final LatencyHistogram latency = new LatencyHistogram();

  void answer(long latencyNanos) {
    answers.increment();
    // At least 1 ns, as before: an answer is never instantaneous, whatever the clock's resolution says.
    latency.record(Math.max(1, latencyNanos));
  }

  void exception(int code) {
    exceptions.incrementAndGet(code & 0xFF);
  }

  ClientMetrics snapshot(Map<Integer, Integer> timeoutsInARowByUnit) {
    Map<Integer, Long> byCode = new TreeMap<>();
    for (int code = 0; code < 256; code++) {
      long n = exceptions.get(code);
      if (n > 0) {
        byCode.put(code, n);
      }
    }
    LatencySnapshot l = latency.snapshot(); // the three figures from one reading of the buckets
    return new ClientMetrics(requests.sum(), sent.sum(), answers.sum(), byCode, timeouts.sum(), retries.sum(),
        lateAnswers.sum(), unexpectedAnswers.sum(), protocolErrors.sum(), connects.sum(), connectFailures.sum(),
        disconnects.sum(), l.p50(), l.p99(), l.max(), timeoutsInARowByUnit);
  }
}
