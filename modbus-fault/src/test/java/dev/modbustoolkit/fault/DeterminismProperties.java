package dev.modbustoolkit.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Same seed + same faults + same traffic = same faults, byte for byte and nanosecond for nanosecond. */
class DeterminismProperties {

  @Provide
  Arbitrary<List<FaultSpec>> faults() {
    return FaultArbitraries.faults();
  }

  @Provide
  Arbitrary<List<FaultArbitraries.Request>> traffic() {
    return FaultArbitraries.traffic();
  }

  /** What one request produced. */
  record Outcome(
      List<String> faultIds, DispatchVerdict verdict, ConnectionDirective after, TransmissionPlan transmission) {}

  static List<Outcome> run(long seed, List<FaultSpec> faults, List<FaultArbitraries.Request> traffic, Transport t) {
    FaultPipeline p = FaultPipeline.create(seed, new Harness.ManualClock(0));
    p.addAll(faults);
    Map<Integer, FaultSession> sessions = new HashMap<>();
    byte[] frame = TestFormats.readFrameFor(t);
    List<Outcome> out = new ArrayList<>();
    for (FaultArbitraries.Request r : traffic) {
      FaultSession s = sessions.computeIfAbsent(r.connection(), c -> p.openSession(Harness.connection(c, t)));
      FaultPlan plan = s.plan(r.info());
      out.add(
          new Outcome(
              plan.faultIds(),
              plan.beforeDispatch(),
              plan.after(),
              plan.transmit(frame, frame.length, TestFormats.formatOf(t))));
    }
    return out;
  }

  /**
   * Two independent runs: the second on a thread of its own, at the same time as the first, over copies of the
   * fault specs and the traffic, so that no state shared between pipelines (a static random, a cache keyed by spec
   * identity) can make them agree, or disagree, by accident.
   */
  @Property(tries = 300)
  void twoPipelinesWithTheSameSeedAndTrafficProduceTheSameFaults(
      @ForAll long seed,
      @ForAll("faults") List<FaultSpec> faults,
      @ForAll("traffic") List<FaultArbitraries.Request> traffic,
      @ForAll @IntRange(min = 0, max = 2) int transport) throws Exception {
    Transport t = List.of(Transport.TCP, Transport.RTU, Transport.RTU_OVER_TCP).get(transport);
    List<FaultSpec> faultsCopy =
        faults.stream().map(f -> new FaultSpec(f.id(), f.action(), f.trigger(), f.scope())).toList();
    List<FaultArbitraries.Request> trafficCopy = new ArrayList<>(traffic);
    AtomicReference<List<Outcome>> second = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread other = Thread.ofPlatform().start(() -> {
      try {
        second.set(run(seed, faultsCopy, trafficCopy, t));
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    List<Outcome> first = run(seed, faults, traffic, t);
    other.join();
    assertThat(failure.get()).isNull();
    assertThat(second.get()).isEqualTo(first);
  }

  @Property(tries = 200)
  void aConnectionScopedFaultSequenceIgnoresOtherConnections(
      @ForAll long seed,
      @ForAll("faults") List<FaultSpec> faults,
      @ForAll("traffic") List<FaultArbitraries.Request> traffic) {
    List<FaultSpec> perConnection =
        faults.stream().map(f -> new FaultSpec(f.id(), f.action(), f.trigger(), Scope.CONNECTION)).toList();
    List<FaultArbitraries.Request> onlyOne =
        traffic.stream().filter(r -> r.connection() == 1).toList();
    List<Outcome> alone = run(seed, perConnection, onlyOne, Transport.TCP);
    List<Outcome> mixed = run(seed, perConnection, traffic, Transport.TCP);
    List<Outcome> connectionOneInMixed = new ArrayList<>();
    for (int i = 0; i < traffic.size(); i++) {
      if (traffic.get(i).connection() == 1) {
        connectionOneInMixed.add(mixed.get(i));
      }
    }
    assertThat(connectionOneInMixed).isEqualTo(alone);
  }
}
