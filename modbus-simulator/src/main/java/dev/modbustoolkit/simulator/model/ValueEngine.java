package dev.modbustoolkit.simulator.model;

import dev.modbustoolkit.simulator.internal.ValueGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the values of a device's points. Time is a tick count per point: point {@code p} is at tick
 * {@code floor(elapsed / p.tick)}. {@link #advanceTo(long)} brings every point to the ticks due at an elapsed
 * time, so a test drives it with a time of its choosing and sees exactly the same values in every run with the
 * same seed; {@link #start()} does it from a clock on a thread of its own.
 *
 * <p>Points move in profile order, so a first-order lag after its setpoint sees the setpoint of the same tick.
 * A stateful value (random walk, lag) that falls behind catches up tick by tick; each point is written once per
 * advance, whole.
 */
public final class ValueEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ValueEngine.class);
  /** The scheduler never wakes more often than this, whatever the ticks. */
  private static final long MIN_WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** A point that moves, with its generator and how far it has got. */
  static final class Moving {
    final Point point;
    final ValueGenerator generator;
    final long tickNanos;
    long tick = -1;

    Moving(Point point, ValueGenerator generator) {
      this.point = point;
      this.generator = generator;
      this.tickNanos = point.spec().tick().toNanos();
    }
  }

  private final List<Moving> points;
  private final LongSupplier nanoClock;
  private final ReentrantLock lock = new ReentrantLock();
  private long origin;
  private ScheduledExecutorService scheduler;

  ValueEngine(List<Moving> points, LongSupplier nanoClock) {
    this.points = List.copyOf(points);
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** {@return the number of moving points} */
  public int size() {
    return points.size();
  }

  /**
   * Brings every point to the tick due at {@code elapsedNanos} since the start (tick 0 at 0). Going back in time
   * changes nothing.
   *
   * @param elapsedNanos the time since the start, at least 0
   * @throws IllegalArgumentException when {@code elapsedNanos} is negative
   */
  public void advanceTo(long elapsedNanos) {
    if (elapsedNanos < 0) {
      throw new IllegalArgumentException("elapsedNanos " + elapsedNanos + " is negative");
    }
    lock.lock();
    try {
      for (Moving m : points) {
        long due = elapsedNanos / m.tickNanos;
        if (due <= m.tick) {
          continue;
        }
        double value;
        if (m.generator.stateful()) {
          value = 0;
          for (long t = m.tick + 1; t <= due; t++) {
            value = m.generator.step(t);
          }
        } else {
          value = m.generator.valueAt(due);
        }
        m.tick = due;
        m.point.writeClamped(value);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@return the tick a point has reached, -1 before its first}
   *
   * @param point the point
   * @throws IllegalArgumentException when it does not move
   */
  public long tickOf(Point point) {
    lock.lock();
    try {
      for (Moving m : points) {
        if (m.point == point) {
          return m.tick;
        }
      }
    } finally {
      lock.unlock();
    }
    throw new IllegalArgumentException(point + " does not move");
  }

  /** Back to before tick 0: generators reset, time starts again now (the values move again at the next advance). */
  public void reset() {
    lock.lock();
    try {
      for (Moving m : points) {
        m.generator.reset();
        m.tick = -1;
      }
      origin = nanoClock.getAsLong();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts moving the values from the clock: tick 0 now, then as often as the fastest point needs (at most every
   * 10 ms). Does nothing when no point moves or it runs already.
   */
  public synchronized void start() {
    if (points.isEmpty() || scheduler != null) {
      return;
    }
    long fastest = Long.MAX_VALUE;
    for (Moving m : points) {
      fastest = Math.min(fastest, m.tickNanos);
    }
    long period = Math.max(MIN_WAKE_NANOS, fastest);
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "modbus-simulator-values");
      t.setDaemon(true);
      return t;
    });
    origin = nanoClock.getAsLong();
    scheduler.scheduleAtFixedRate(this::advanceFromClock, 0, period, TimeUnit.NANOSECONDS);
    LOG.debug("moving {} points, every {}", points.size(), Duration.ofNanos(period));
  }

  private void advanceFromClock() {
    try {
      advanceTo(Math.max(0, nanoClock.getAsLong() - origin));
    } catch (RuntimeException e) {
      // One bad write must not stop every other point for the rest of the run.
      LOG.warn("moving values failed", e);
    }
  }

  /** Stops the thread {@link #start()} started. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
