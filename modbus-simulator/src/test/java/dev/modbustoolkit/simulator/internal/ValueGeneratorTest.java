package dev.modbustoolkit.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modbustoolkit.simulator.profile.ValueSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Each kind of moving value at known ticks; the same seed gives the same sequence; pure kinds ignore call order. */
class ValueGeneratorTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  private static ValueGenerator gen(ValueSpec spec) {
    return new ValueGenerator(spec, 42, SECOND, () -> 0, 0);
  }

  private static List<Double> run(ValueGenerator g, int ticks) {
    List<Double> out = new ArrayList<>();
    for (int t = 0; t < ticks; t++) {
      out.add(g.step(t));
    }
    return out;
  }

  private static void assertClose(List<Double> actual, double... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual.get(i)).as("tick %d of %s", i, actual).isCloseTo(expected[i], within(1e-9));
    }
  }

  @Test
  void shapesFollowTime() {
    Duration ten = Duration.ofSeconds(10);
    assertClose(run(gen(new ValueSpec.Constant(3)), 3), 3.0, 3.0, 3.0);
    assertClose(run(gen(new ValueSpec.Ramp(0, 10, ten)), 12),
        0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 0.0, 1.0);
    assertClose(run(gen(new ValueSpec.Triangle(0, 10, ten)), 11),
        0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 8.0, 6.0, 4.0, 2.0, 0.0);
    ValueGenerator sine = gen(new ValueSpec.Sine(0, 2, Duration.ofSeconds(4), 0));
    assertThat(sine.valueAt(0)).isCloseTo(1, within(1e-12));
    assertThat(sine.valueAt(1)).isCloseTo(2, within(1e-12));
    assertThat(sine.valueAt(3)).isCloseTo(0, within(1e-12));
    assertThat(gen(new ValueSpec.Sine(0, 2, Duration.ofSeconds(4), 0.25)).valueAt(0)).isCloseTo(2, within(1e-12));
    assertClose(run(gen(new ValueSpec.Square(0, 1, Duration.ofSeconds(4), 0.5)), 6),
        1.0, 1.0, 0.0, 0.0, 1.0, 1.0);
    assertClose(run(gen(new ValueSpec.Counter(5, 2, 9)), 5), 5.0, 7.0, 9.0, 5.0, 7.0);
    assertClose(run(gen(new ValueSpec.Counter(0, 0.5, Double.POSITIVE_INFINITY)), 3), 0.0, 0.5, 1.0);
    assertClose(run(gen(new ValueSpec.Steps(List.of(new ValueSpec.Step(1, Duration.ofSeconds(2)),
        new ValueSpec.Step(7, SECOND)))), 7), 1.0, 1.0, 7.0, 1.0, 1.0, 7.0, 1.0);
    assertClose(run(gen(new ValueSpec.CsvPlayback("x.csv", List.of(4.0, 5.0))), 5),
        4.0, 5.0, 4.0, 5.0, 4.0);
  }

  @Test
  void randomValuesStayInBoundsAndLookRandom() {
    List<Double> uniform = run(gen(new ValueSpec.UniformRandom(10, 20)), 2000);
    assertThat(uniform).allSatisfy(v -> assertThat(v).isBetween(10.0, 20.0));
    assertThat(uniform.stream().distinct().count()).isGreaterThan(1900);
    double mean = uniform.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(mean).isCloseTo(15, within(0.5));
    List<Double> normal = run(gen(new ValueSpec.NormalRandom(50, 2)), 4000);
    double m = normal.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double var = normal.stream().mapToDouble(v -> (v - m) * (v - m)).sum() / normal.size();
    assertThat(m).isCloseTo(50, within(0.2));
    assertThat(Math.sqrt(var)).isCloseTo(2, within(0.2));
    List<Double> walk = run(gen(new ValueSpec.RandomWalk(5, 1, 0, 10)), 2000);
    assertThat(walk.get(0)).isEqualTo(5);
    for (int i = 1; i < walk.size(); i++) {
      assertThat(walk.get(i)).isBetween(0.0, 10.0);
      assertThat(Math.abs(walk.get(i) - walk.get(i - 1))).isLessThanOrEqualTo(1.0);
    }
    assertThat(walk.stream().distinct().count()).isGreaterThan(100);
  }

  @Test
  void aLagApproachesItsSetpointExponentially() {
    AtomicReference<Double> setpoint = new AtomicReference<>(10.0);
    ValueGenerator lag = new ValueGenerator(new ValueSpec.FirstOrderLag("sp", Duration.ofSeconds(10), 1),
        1, SECOND, setpoint::get, 0);
    double expected = 0;
    assertThat(lag.step(0)).isZero();
    double alpha = 1 - Math.exp(-0.1);
    for (int t = 1; t <= 10; t++) {
      expected += alpha * (10 - expected);
      assertThat(lag.step(t)).isCloseTo(expected, within(1e-9));
    }
    // after one time constant: 63 % of the way
    assertThat(expected).isCloseTo(10 * (1 - Math.exp(-1)), within(1e-9));
    setpoint.set(0.0);
    assertThat(lag.step(11)).isLessThan(expected);
    lag.reset();
    assertThat(lag.step(0)).isZero();
  }

  @Provide
  Arbitrary<ValueSpec> specs() {
    Duration p = Duration.ofSeconds(7);
    return Arbitraries.of(new ValueSpec.Ramp(0, 1, p), new ValueSpec.Triangle(-1, 1, p),
        new ValueSpec.Sine(0, 100, p, 0.3), new ValueSpec.Square(0, 1, p, 0.2), new ValueSpec.Counter(0, 3, 100),
        new ValueSpec.UniformRandom(0, 1), new ValueSpec.NormalRandom(0, 1), new ValueSpec.RandomWalk(0, 1, -5, 5),
        new ValueSpec.FirstOrderLag("sp", p, 2));
  }

  /** Two runs with one seed give the same sequence, whatever the kind; another seed gives another for random ones. */
  @Property(tries = 200)
  void theSameSeedRepeatsTheRun(@ForAll("specs") ValueSpec spec, @ForAll long seed) {
    List<Double> a = run(new ValueGenerator(spec, seed, SECOND, () -> 3, 1), 50);
    List<Double> b = run(new ValueGenerator(spec, seed, SECOND, () -> 3, 1), 50);
    assertThat(a).isEqualTo(b);
    ValueGenerator reused = new ValueGenerator(spec, seed, SECOND, () -> 3, 1);
    run(reused, 17);
    reused.reset();
    assertThat(run(reused, 50)).as("after a reset").isEqualTo(a);
    if (spec instanceof ValueSpec.UniformRandom || spec instanceof ValueSpec.NormalRandom
        || spec instanceof ValueSpec.RandomWalk) {
      assertThat(run(new ValueGenerator(spec, seed + 1, SECOND, () -> 3, 1), 50)).isNotEqualTo(a);
    }
  }

  /** Pure kinds are functions of (seed, tick): asking for a tick out of order gives what the run gave there. */
  @Property(tries = 200)
  void pureKindsDoNotDependOnOrder(@ForAll("specs") ValueSpec spec, @ForAll long seed,
      @ForAll @LongRange(min = 0, max = 1_000_000) long tick) {
    ValueGenerator g = new ValueGenerator(spec, seed, SECOND, () -> 0, 0);
    if (g.stateful()) {
      return;
    }
    double direct = g.valueAt(tick);
    g.valueAt(tick + 17);
    g.valueAt(3);
    assertThat(g.valueAt(tick)).isEqualTo(direct);
    assertThat(new ValueGenerator(spec, seed, SECOND, () -> 0, 0).step(tick)).isEqualTo(direct);
  }
}
