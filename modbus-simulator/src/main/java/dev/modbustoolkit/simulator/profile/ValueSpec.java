package dev.modbustoolkit.simulator.profile;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a point's value moves, tick by tick. Values are engineering values (after scale and offset). Time-shaped
 * values are functions of the tick's time {@code t = tick * tickPeriod}; random ones are functions of the seed and
 * the tick (or, for the random walk, a generator seeded once), so a run with the same seed repeats exactly.
 */
public sealed interface ValueSpec {

  /**
   * The same value at every tick, written again each tick (so a client's write does not stick).
   *
   * @param value the value
   */
  record Constant(double value) implements ValueSpec {}

  /**
   * Sawtooth: from {@code min} up to {@code max} over {@code period}, then back to {@code min} at once.
   *
   * @param min the value at the start of each period
   * @param max the value approached at its end
   * @param period the length of one rise
   */
  record Ramp(double min, double max, Duration period) implements ValueSpec {
    /** Checks the period. */
    public Ramp {
      requirePositive(period, "period");
    }
  }

  /**
   * Up from {@code min} to {@code max} in half a period, down again in the other half.
   *
   * @param min the lowest value
   * @param max the highest value
   * @param period the length of one up-and-down
   */
  record Triangle(double min, double max, Duration period) implements ValueSpec {
    /** Checks the period. */
    public Triangle {
      requirePositive(period, "period");
    }
  }

  /**
   * A sine between {@code min} and {@code max}, starting at the middle going up (phase 0).
   *
   * @param min the lowest value
   * @param max the highest value
   * @param period the length of one cycle
   * @param phase the fraction of a cycle it starts at, 0..1
   */
  record Sine(double min, double max, Duration period, double phase) implements ValueSpec {
    /** Checks the period and phase. */
    public Sine {
      requirePositive(period, "period");
      if (!(phase >= 0 && phase <= 1)) {
        throw new IllegalArgumentException("phase " + phase + " out of range 0..1");
      }
    }
  }

  /**
   * {@code high} for the first {@code duty} of each period, then {@code low}: with 1 and 0, a toggling bool.
   *
   * @param low the value in the second part
   * @param high the value in the first part
   * @param period the length of one cycle
   * @param duty the fraction of the cycle at {@code high}, 0..1
   */
  record Square(double low, double high, Duration period, double duty) implements ValueSpec {
    /** Checks the period and duty. */
    public Square {
      requirePositive(period, "period");
      if (!(duty >= 0 && duty <= 1)) {
        throw new IllegalArgumentException("duty " + duty + " out of range 0..1");
      }
    }
  }

  /**
   * {@code start + step * tick}; past {@code max} it starts again at {@code start} (an energy counter that rolls
   * over).
   *
   * @param start the value at tick 0
   * @param step the increment per tick
   * @param max the largest value before it wraps; infinity for none
   */
  record Counter(double start, double step, double max) implements ValueSpec {
    /** Checks that the counter can move towards {@code max}. */
    public Counter {
      if (max < start) {
        throw new IllegalArgumentException("max " + max + " is below start " + start);
      }
    }
  }

  /**
   * A new uniformly distributed value in {@code [min, max)} every tick.
   *
   * @param min the lower bound
   * @param max the upper bound
   */
  record UniformRandom(double min, double max) implements ValueSpec {
    /** Checks the bounds. */
    public UniformRandom {
      requireOrdered(min, max);
    }
  }

  /**
   * A new normally distributed value every tick.
   *
   * @param mean the mean
   * @param stddev the standard deviation, at least 0
   */
  record NormalRandom(double mean, double stddev) implements ValueSpec {
    /** Checks the deviation. */
    public NormalRandom {
      if (!(stddev >= 0)) {
        throw new IllegalArgumentException("stddev " + stddev + " is negative");
      }
    }
  }

  /**
   * Each tick adds a uniform step in {@code [-maxStep, maxStep]}, kept inside {@code [min, max]}.
   *
   * @param start the value at tick 0
   * @param maxStep the largest change per tick, at least 0
   * @param min the lower bound
   * @param max the upper bound
   */
  record RandomWalk(double start, double maxStep, double min, double max) implements ValueSpec {
    /** Checks the bounds. */
    public RandomWalk {
      requireOrdered(min, max);
      if (!(maxStep >= 0)) {
        throw new IllegalArgumentException("maxStep " + maxStep + " is negative");
      }
      if (start < min || start > max) {
        throw new IllegalArgumentException("start " + start + " is outside min..max " + min + ".." + max);
      }
    }
  }

  /**
   * A sequence of values, each held for its time, repeated.
   *
   * @param steps the steps, at least one
   */
  record Steps(List<Step> steps) implements ValueSpec {
    /** Copies the list. */
    public Steps {
      steps = List.copyOf(steps);
      if (steps.isEmpty()) {
        throw new IllegalArgumentException("at least one step is needed");
      }
    }
  }

  /**
   * One value of a {@link Steps} sequence.
   *
   * @param value the value
   * @param hold how long it is held, more than 0
   */
  record Step(double value, Duration hold) {
    /** Checks the time. */
    public Step {
      requirePositive(hold, "hold");
    }
  }

  /**
   * Plays back recorded values, one per tick, and starts again after the last.
   *
   * @param source where the values came from (for messages)
   * @param values the values, at least one
   */
  record CsvPlayback(String source, List<Double> values) implements ValueSpec {
    /** Copies the values. */
    public CsvPlayback {
      Objects.requireNonNull(source, "source");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("no values");
      }
    }
  }

  /**
   * A process value following another point, its setpoint, through a first-order lag: each tick it moves
   * {@code 1 - exp(-tickPeriod / timeConstant)} of the way from where it is to {@code gain * setpoint}. A client
   * writing the setpoint (a tank's level setpoint, a heater's temperature) makes it move.
   *
   * @param setpoint the name of the setpoint point, in the same unit
   * @param timeConstant the time to cover 63 % of a step, more than 0
   * @param gain the steady-state value per unit of setpoint
   */
  record FirstOrderLag(String setpoint, Duration timeConstant, double gain) implements ValueSpec {
    /** Checks the name and time. */
    public FirstOrderLag {
      Objects.requireNonNull(setpoint, "setpoint");
      requirePositive(timeConstant, "timeConstant");
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be more than 0: " + d);
    }
  }

  private static void requireOrdered(double min, double max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException("min " + min + " is above max " + max);
    }
  }
}
