package dev.modbustoolkit.fault;

import static dev.modbustoolkit.fault.Harness.READ;
import static dev.modbustoolkit.fault.Harness.connection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adding, replacing, removing and clearing faults while sessions run; counters. */
class RuntimeControlTest {
  private final Harness.ManualClock clock = new Harness.ManualClock(1_000);
  private final FaultPipeline pipeline = FaultPipeline.create(1, clock);
  private final FaultSession session = pipeline.openSession(connection(1, Transport.TCP));

  private static FaultSpec delay(String id, int ms) {
    return FaultSpec.of(id, new ActionSpec.Delay(Duration.ofMillis(ms), Duration.ZERO));
  }

  private static FaultSpec onlyUnit(String id, int unit) {
    return FaultSpec.of(
        id, new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO), TriggerSpec.builder().unitIds(unit).build());
  }

  private long delayOf(FaultPlan p) {
    return p.transmit(TestFormats.TCP_READ, TestFormats.TCP_READ.length, TestFormats.MBAP).totalDelayNanos();
  }

  @Test
  void addIsSeenByAnOpenSession() {
    assertThat(session.plan(READ).isNone()).isTrue();
    pipeline.add(delay("d", 5));
    assertThat(session.plan(READ).faultIds()).containsExactly("d");
    assertThat(pipeline.isEmpty()).isFalse();
    assertThat(pipeline.faults()).containsExactly(delay("d", 5));
    assertThat(pipeline.fault("d")).contains(delay("d", 5));
  }

  @Test
  void duplicateIdsAreRejected() {
    pipeline.add(delay("d", 5));
    assertThatThrownBy(() -> pipeline.add(delay("d", 6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'d'");
  }

  @Test
  void addAllIsAllOrNothing() {
    pipeline.add(delay("a", 1));
    assertThatThrownBy(() -> pipeline.addAll(List.of(delay("b", 1), delay("a", 2))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pipeline.addAll(List.of(delay("c", 1), delay("c", 2))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(pipeline.faults()).extracting(FaultSpec::id).containsExactly("a");
    pipeline.addAll(List.of(delay("b", 1), delay("c", 1)));
    assertThat(pipeline.faults()).extracting(FaultSpec::id).containsExactly("a", "b", "c");
  }

  @Test
  void replaceKeepsThePositionAndResetsCounters() {
    pipeline.add(delay("a", 1));
    pipeline.add(delay("b", 2));
    pipeline.add(delay("c", 3));
    session.plan(READ);
    assertThat(pipeline.stats("b").orElseThrow().activations()).isEqualTo(1);
    assertThat(pipeline.replace(delay("b", 20))).isTrue();
    assertThat(pipeline.faults()).extracting(FaultSpec::id).containsExactly("a", "b", "c");
    assertThat(pipeline.fault("b")).contains(delay("b", 20));
    assertThat(pipeline.stats("b").orElseThrow())
        .isEqualTo(new FaultStats("b", 0, 0, null));
    assertThat(delayOf(session.plan(READ))).isEqualTo(24_000_000L);
  }

  @Test
  void replaceOfAnUnknownIdChangesNothing() {
    pipeline.add(delay("a", 1));
    assertThat(pipeline.replace(delay("zzz", 1))).isFalse();
    assertThat(pipeline.faults()).extracting(FaultSpec::id).containsExactly("a");
  }

  @Test
  void replaceResetsConnectionScopedState() {
    pipeline.add(
        new FaultSpec("once", new ActionSpec.HoldOpen(), TriggerSpec.builder().maxActivations(1).build(), Scope.CONNECTION));
    assertThat(session.plan(READ).isNone()).isFalse();
    assertThat(session.plan(READ).isNone()).isTrue();
    pipeline.replace(
        new FaultSpec("once", new ActionSpec.HoldOpen(), TriggerSpec.builder().maxActivations(1).build(), Scope.CONNECTION));
    assertThat(session.plan(READ).isNone()).isFalse();
  }

  @Test
  void removeAndClear() {
    pipeline.add(delay("a", 1));
    pipeline.add(delay("b", 1));
    assertThat(pipeline.remove("a")).isTrue();
    assertThat(pipeline.remove("a")).isFalse();
    assertThat(session.plan(READ).faultIds()).containsExactly("b");
    assertThat(pipeline.stats("a")).isEmpty();
    pipeline.clear();
    assertThat(pipeline.isEmpty()).isTrue();
    assertThat(session.plan(READ)).isSameAs(FaultPlan.NONE);
    assertThat(pipeline.stats()).isEmpty();
  }

  @Test
  void countersReportChecksActivationsAndTheLastActivation() {
    pipeline.add(onlyUnit("u1", 1));
    pipeline.add(onlyUnit("u2", 2));
    session.plan(RequestInfo.of(1, 3, 0, 1));
    clock.advanceMillis(500);
    session.plan(RequestInfo.of(1, 3, 0, 1));
    clock.advanceMillis(500);
    session.plan(RequestInfo.of(3, 3, 0, 1));
    assertThat(pipeline.stats())
        .containsExactly(
            new FaultStats("u1", 3, 2, Instant.ofEpochMilli(1_500)), new FaultStats("u2", 3, 0, null));
  }

  @Test
  void pipelineIsThreadSafeUnderConcurrentChanges() throws Exception {
    pipeline.add(delay("base", 1));
    Thread changer =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    pipeline.add(delay("x" + i, 1));
                    pipeline.replace(delay("x" + i, 2));
                    pipeline.remove("x" + i);
                  }
                });
    long requests = 0;
    while (changer.isAlive()) {
      assertThat(session.plan(READ).faultIds()).contains("base");
      requests++;
    }
    changer.join();
    assertThat(pipeline.faults()).extracting(FaultSpec::id).containsExactly("base");
    assertThat(pipeline.stats("base").orElseThrow().checks()).isEqualTo(requests);
  }
}
