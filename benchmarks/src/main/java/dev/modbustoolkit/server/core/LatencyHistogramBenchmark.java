package dev.modbustoolkit.server.core;

import dev.modbustoolkit.bench.BenchmarkBase;
import java.time.Duration;
import java.util.SplittableRandom;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One latency recorded, as {@link DispatcherMetrics} does on every dispatch: the toolkit's {@link LatencyHistogram}
 * against the HdrHistogram {@link Recorder} it replaced (1 ns to 1 minute, two significant digits, as
 * DispatcherMetrics configured it), from one thread and from two sharing one histogram.
 */
@State(Scope.Benchmark)
public class LatencyHistogramBenchmark extends BenchmarkBase {

  /** The histogram measured. */
  public enum Histogram {
    TOOLKIT,
    HDR_RECORDER
  }

  @Param
  public Histogram histogram;

  private static final long HIGHEST_TRACKABLE_NANOS = Duration.ofMinutes(1).toNanos();

  private LatencyHistogram toolkit;
  private Recorder recorder;

  /** Each thread walks its own copy of 1024 latencies between 1 and 200 us. */
  @State(Scope.Thread)
  public static class Values {
    private final long[] values = new long[1024];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < values.length; i++) {
        values[i] = 1_000 + random.nextLong(199_000);
      }
    }

    long next() {
      return values[next++ & (values.length - 1)];
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    toolkit = new LatencyHistogram();
    recorder = new Recorder(1, HIGHEST_TRACKABLE_NANOS, 2);
  }

  /** One thread records. */
  @Benchmark
  public void record(Values values) {
    recordOne(values.next());
  }

  /** Two threads record into the same histogram. */
  @Benchmark
  @Threads(2)
  public void recordTwoThreads(Values values) {
    recordOne(values.next());
  }

  private void recordOne(long nanos) {
    switch (histogram) {
      case TOOLKIT -> toolkit.record(nanos);
      case HDR_RECORDER -> recorder.recordValue(Math.max(1, Math.min(nanos, HIGHEST_TRACKABLE_NANOS)));
    }
  }
}
