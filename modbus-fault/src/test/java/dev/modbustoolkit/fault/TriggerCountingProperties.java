package dev.modbustoolkit.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** every-Nth, skip-first and at-most-K agree with a simple model, in every scope. */
class TriggerCountingProperties {

  /** The documented model: per scope key, count matches; fire on (n - skip) % every == 0 after skip, K at most. */
  static final class Model {
    private final long every;
    private final long skip;
    private final long max;
    private final Map<Long, long[]> counters = new HashMap<>();

    Model(long every, long skip, long max) {
      this.every = every;
      this.skip = skip;
      this.max = max;
    }

    boolean onMatch(long key) {
      long[] c = counters.computeIfAbsent(key, k -> new long[2]);
      long n = ++c[0];
      if (n > skip && (n - skip) % every == 0 && c[1] < max) {
        c[1]++;
        return true;
      }
      return false;
    }
  }

  record Req(int connection, int unit, boolean matches) {}

  @Provide
  Arbitrary<List<Req>> traffic() {
    return net.jqwik.api.Combinators.combine(
            Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3), Arbitraries.of(true, true, false))
        .as(Req::new)
        .list()
        .ofMaxSize(80);
  }

  @Provide
  Arbitrary<Long> max() {
    return Arbitraries.oneOf(Arbitraries.longs().between(1, 8), Arbitraries.just(TriggerSpec.UNLIMITED));
  }

  @Property
  void countsAgreeWithTheModel(
      @ForAll Scope scope,
      @ForAll @IntRange(min = 1, max = 5) int every,
      @ForAll @IntRange(min = 0, max = 6) int skip,
      @ForAll("max") long max,
      @ForAll("traffic") List<Req> traffic) {
    FaultPipeline p = FaultPipeline.create(1);
    // Function code 3 matches; 4 does not (and must not advance any counter).
    p.add(
        new FaultSpec(
            "f",
            new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO),
            TriggerSpec.builder().functionCodes(3).everyNth(every).skipFirst(skip).maxActivations(max).build(),
            scope));
    Map<Integer, FaultSession> sessions = new HashMap<>();
    Model model = new Model(every, skip, max);
    List<Boolean> expected = new ArrayList<>();
    List<Boolean> actual = new ArrayList<>();
    for (Req r : traffic) {
      FaultSession s =
          sessions.computeIfAbsent(r.connection(), c -> p.openSession(Harness.connection(c, Transport.TCP)));
      long key =
          switch (scope) {
            case SERVER -> 0;
            case UNIT -> r.unit();
            case CONNECTION -> r.connection();
          };
      expected.add(r.matches() && model.onMatch(key));
      actual.add(!s.plan(RequestInfo.of(r.unit(), r.matches() ? 3 : 4, 0, 1)).isNone());
    }
    assertThat(actual).isEqualTo(expected);
    FaultStats stats = p.stats("f").orElseThrow();
    assertThat(stats.checks()).isEqualTo(traffic.size());
    assertThat(stats.activations()).isEqualTo(expected.stream().filter(b -> b).count());
  }
}
