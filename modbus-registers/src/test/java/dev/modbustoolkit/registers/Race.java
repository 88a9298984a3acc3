package dev.modbustoolkit.registers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Runs loop bodies on several threads at once for a bounded time and reports the first failure. */
final class Race {

  /** One iteration of a racing thread; throws AssertionError when it observes something wrong. */
  @FunctionalInterface
  interface Step {
    void run(long iteration);
  }

  private final List<Step> steps = new ArrayList<>();
  private final List<AtomicLong> counts = new ArrayList<>();
  private boolean virtual;

  /** Adds a thread running {@code step} repeatedly; returns its iteration counter. */
  AtomicLong thread(Step step) {
    steps.add(step);
    AtomicLong count = new AtomicLong();
    counts.add(count);
    return count;
  }

  /** Runs the threads as virtual threads. */
  Race virtualThreads() {
    virtual = true;
    return this;
  }

  /** Iterations every thread does even past the deadline, so a starved thread on a busy machine still races. */
  private static final long MIN_ITERATIONS = 500;
  /** Bound on the overrun that {@link #MIN_ITERATIONS} may cause. */
  private static final Duration MAX_OVERRUN = Duration.ofSeconds(5);

  /**
   * Starts all threads together, lets them loop for {@code duration} (and at least {@link #MIN_ITERATIONS} each,
   * within {@link #MAX_OVERRUN}), then fails with the first failure seen.
   */
  void run(Duration duration) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    long[] deadline = new long[1];
    for (int t = 0; t < steps.size(); t++) {
      Step step = steps.get(t);
      AtomicLong count = counts.get(t);
      Runnable body = () -> {
        try {
          start.await();
          for (long i = 0; failure.get() == null; i++) {
            long now = System.nanoTime();
            if (now - deadline[0] >= 0 && (i >= MIN_ITERATIONS || now - deadline[0] >= MAX_OVERRUN.toNanos())) {
              break;
            }
            step.run(i);
            count.incrementAndGet();
            if (virtual && (i & 63) == 0) {
              Thread.yield(); // let the other virtual threads onto the few carriers
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      };
      threads.add(virtual ? Thread.ofVirtual().unstarted(body) : Thread.ofPlatform().daemon().unstarted(body));
    }
    threads.forEach(Thread::start);
    deadline[0] = System.nanoTime() + duration.toNanos();
    start.countDown();
    for (Thread thread : threads) {
      thread.join(duration.plus(MAX_OVERRUN).toMillis() + 10_000);
      assertThat(thread.isAlive()).as("thread finished").isFalse();
    }
    if (failure.get() != null) {
      throw new AssertionError("a racing thread failed", failure.get());
    }
    for (AtomicLong count : counts) {
      assertThat(count.get()).as("every racing thread made progress").isPositive();
    }
  }
}
