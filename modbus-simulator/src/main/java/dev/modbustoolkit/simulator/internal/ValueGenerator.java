package dev.modbustoolkit.simulator.internal;

import dev.modbustoolkit.simulator.profile.ValueSpec;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * The values of one moving point, tick by tick. Every kind but two is a pure function of (seed, tick):
 * {@link #valueAt} may be asked for any tick in any order. The random walk and the first-order lag carry state
 * (where they are); {@link #step} must then see ticks 1, 2, 3, ... in order after {@link #reset}, and the walk's
 * generator is seeded once, so two runs with one seed give the same sequence too.
 */
public final class ValueGenerator {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final ValueSpec spec;
  private final long seed;
  private final double tickSeconds;
  private final DoubleSupplier setpoint;
  private final double initial;
  private SplittableRandom walk;
  private double state;

  /**
   * A generator.
   *
   * @param spec the kind and its parameters
   * @param seed this point's seed
   * @param tick the point's tick period
   * @param setpoint the current setpoint (for a first-order lag; ignored otherwise)
   * @param initial where a lag starts
   */
  public ValueGenerator(ValueSpec spec, long seed, Duration tick, DoubleSupplier setpoint, double initial) {
    this.spec = spec;
    this.seed = seed;
    this.tickSeconds = tick.toNanos() / 1e9;
    this.setpoint = setpoint;
    this.initial = initial;
    reset();
  }

  /** {@return whether the value depends on the ticks before (random walk, lag)} */
  public boolean stateful() {
    return spec instanceof ValueSpec.RandomWalk || spec instanceof ValueSpec.FirstOrderLag;
  }

  /** Back to tick 0. */
  public void reset() {
    walk = new SplittableRandom(seed);
    state = switch (spec) {
      case ValueSpec.RandomWalk w -> w.start();
      case ValueSpec.FirstOrderLag l -> initial;
      default -> 0;
    };
  }

  /**
   * {@return the value at {@code tick}} For a stateful kind this is the next step (the caller passes ticks in
   * order), for the others a pure function of the tick.
   *
   * @param tick the tick, from 0
   */
  public double step(long tick) {
    return switch (spec) {
      case ValueSpec.RandomWalk w -> {
        if (tick > 0) {
          double delta = w.maxStep() == 0 ? 0 : walk.nextDouble(-w.maxStep(), Math.nextUp(w.maxStep()));
          state = Math.max(w.min(), Math.min(w.max(), state + delta));
        }
        yield state;
      }
      case ValueSpec.FirstOrderLag l -> {
        if (tick > 0) {
          double alpha = 1 - Math.exp(-tickSeconds / (l.timeConstant().toNanos() / 1e9));
          state += alpha * (l.gain() * setpoint.getAsDouble() - state);
        }
        yield state;
      }
      default -> valueAt(tick);
    };
  }

  /**
   * {@return the value at {@code tick} of a pure kind (any tick, any order)}
   *
   * @param tick the tick, from 0
   * @throws IllegalStateException for a stateful kind
   */
  public double valueAt(long tick) {
    double t = tick * tickSeconds;
    return switch (spec) {
      case ValueSpec.Constant c -> c.value();
      case ValueSpec.Ramp r -> r.min() + (r.max() - r.min()) * fraction(t, r.period());
      case ValueSpec.Triangle r -> {
        double f = fraction(t, r.period());
        yield r.min() + (r.max() - r.min()) * (f < 0.5 ? 2 * f : 2 - 2 * f);
      }
      case ValueSpec.Sine s -> {
        double f = fraction(t, s.period()) + s.phase();
        yield (s.min() + s.max()) / 2 + (s.max() - s.min()) / 2 * Math.sin(2 * Math.PI * f);
      }
      case ValueSpec.Square s -> fraction(t, s.period()) < s.duty() ? s.high() : s.low();
      case ValueSpec.Counter c -> {
        if (Double.isInfinite(c.max()) || c.step() == 0) {
          yield c.start() + c.step() * tick;
        }
        double span = c.max() - c.start() + Math.abs(c.step());
        double v = (c.step() * (double) tick) % span;
        yield c.start() + (v < 0 ? v + span : v);
      }
      case ValueSpec.UniformRandom u -> u.min() == u.max() ? u.min() : at(tick).nextDouble(u.min(), u.max());
      case ValueSpec.NormalRandom n -> n.mean() + n.stddev() * at(tick).nextGaussian();
      case ValueSpec.Steps s -> {
        long total = 0;
        for (ValueSpec.Step step : s.steps()) {
          total += step.hold().toNanos();
        }
        long into = Math.floorMod(Math.round(t * 1e9), total);
        double v = s.steps().get(0).value();
        for (ValueSpec.Step step : s.steps()) {
          v = step.value();
          into -= step.hold().toNanos();
          if (into < 0) {
            break;
          }
        }
        yield v;
      }
      case ValueSpec.CsvPlayback p -> p.values().get((int) Math.floorMod(tick, (long) p.values().size()));
      case ValueSpec.RandomWalk w -> throw new IllegalStateException("a random walk depends on its past: use step");
      case ValueSpec.FirstOrderLag l -> throw new IllegalStateException("a lag depends on its past: use step");
    };
  }

  /** A generator that depends on the seed and the tick alone. */
  private SplittableRandom at(long tick) {
    return new SplittableRandom(seed ^ (tick + 1) * GOLDEN);
  }

  private static double fraction(double t, Duration period) {
    double p = period.toNanos() / 1e9;
    double f = (t % p) / p;
    return f < 0 ? f + 1 : f;
  }
}
