package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.server.rtu.SerialStatistics;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link SerialStatistics}; shared by every connection of a server, thread-safe. */
public final class StatisticsCounters {
  final LongAdder requests = new LongAdder();
  final LongAdder broadcasts = new LongAdder();
  final LongAdder otherUnitRequests = new LongAdder();
  final LongAdder foreignResponses = new LongAdder();
  final LongAdder responsesSent = new LongAdder();
  final LongAdder noResponses = new LongAdder();
  final LongAdder checksumErrors = new LongAdder();
  final LongAdder incompleteFrames = new LongAdder();
  final LongAdder malformedFrames = new LongAdder();
  final LongAdder discardedBytes = new LongAdder();
  final LongAdder overruns = new LongAdder();
  final LongAdder pipelinedDiscarded = new LongAdder();

  /** Counters at zero. */
  public StatisticsCounters() {}

  /** Counts a chunk lost to overrun. */
  public void overrun() {
    overruns.increment();
  }

  /** A consistent-enough snapshot (each counter is read once). */
  public SerialStatistics snapshot() {
    return new SerialStatistics(
        requests.sum(),
        broadcasts.sum(),
        otherUnitRequests.sum(),
        foreignResponses.sum(),
        responsesSent.sum(),
        noResponses.sum(),
        checksumErrors.sum(),
        incompleteFrames.sum(),
        malformedFrames.sum(),
        discardedBytes.sum(),
        overruns.sum(),
        pipelinedDiscarded.sum());
  }
}
