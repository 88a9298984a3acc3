package dev.modbustoolkit.fault;

import static dev.modbustoolkit.fault.Harness.READ;
import static dev.modbustoolkit.fault.Harness.connection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Switching faults off and on: position, counters and trigger state kept; a disabled fault is never evaluated. */
class EnableDisableTest {
  private final Harness.ManualClock clock = new Harness.ManualClock(1_000);
  private final FaultPipeline pipeline = FaultPipeline.create(1, clock);
  private final FaultSession session = pipeline.openSession(connection(1, Transport.TCP));

  private static FaultSpec delay(String id) {
    return FaultSpec.of(id, new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO));
  }

  @Test
  void aNewFaultIsEnabled() {
    pipeline.add(delay("a"));
    assertThat(pipeline.isEnabled("a")).isTrue();
    assertThat(pipeline.isEnabled("nope")).isFalse();
  }

  @Test
  void aDisabledFaultNeitherChecksNorFiresAndKeepsItsCounters() {
    pipeline.add(delay("a"));
    pipeline.add(delay("b"));
    session.plan(READ);
    clock.advanceMillis(10);
    assertThat(pipeline.setEnabled("a", false)).isTrue();
    assertThat(pipeline.isEnabled("a")).isFalse();
    assertThat(session.plan(READ).faultIds()).containsExactly("b");
    assertThat(session.plan(READ).faultIds()).containsExactly("b");
    assertThat(pipeline.stats("a").orElseThrow()).isEqualTo(new FaultStats("a", 1, 1, Instant.ofEpochMilli(1_000)));
    assertThat(pipeline.stats("b").orElseThrow().checks()).isEqualTo(3);
  }

  @Test
  void disablingKeepsThePositionAndReEnablingRestoresIt() {
    pipeline.add(delay("a"));
    pipeline.add(delay("b"));
    pipeline.add(delay("c"));
    pipeline.setEnabled("b", false);
    assertThat(pipeline.faults()).extracting(FaultSpec::id).containsExactly("a", "b", "c");
    assertThat(pipeline.stats()).extracting(FaultStats::id).containsExactly("a", "b", "c");
    assertThat(session.plan(READ).faultIds()).containsExactly("a", "c");
    pipeline.setEnabled("b", true);
    assertThat(session.plan(READ).faultIds()).containsExactly("a", "b", "c");
  }

  @Test
  void triggerStateSurvivesADisabledSpell() {
    // every 2nd request fires: counted on checks, which stop while disabled and resume where they were.
    pipeline.add(new FaultSpec("second", new ActionSpec.HoldOpen(), TriggerSpec.builder().everyNth(2).build(),
        Scope.CONNECTION));
    assertThat(session.plan(READ).isNone()).isTrue();
    pipeline.setEnabled("second", false);
    for (int i = 0; i < 5; i++) {
      assertThat(session.plan(READ).isNone()).isTrue();
    }
    pipeline.setEnabled("second", true);
    assertThat(session.plan(READ).isNone()).isFalse();
    assertThat(pipeline.stats("second").orElseThrow().checks()).isEqualTo(2);
  }

  @Test
  void withEveryFaultDisabledThePipelineIsOnTheEmptyFastPath() {
    pipeline.add(delay("a"));
    pipeline.add(new FaultSpec("limit", new ActionSpec.ConnectionLimit(0, ConnectDecision.REFUSE),
        TriggerSpec.ALWAYS, Scope.SERVER));
    assertThat(pipeline.isEmpty()).isFalse();
    pipeline.setEnabled("a", false);
    pipeline.setEnabled("limit", false);
    assertThat(pipeline.isEmpty()).isTrue();
    assertThat(session.plan(READ)).isSameAs(FaultPlan.NONE);
    assertThat(pipeline.onConnect(connection(2, Transport.TCP), 5)).isEqualTo(ConnectDecision.ACCEPT);
    assertThat(pipeline.stats("limit").orElseThrow().checks()).isZero();
  }

  @Test
  void replaceKeepsTheSwitchAndRemoveForgetsIt() {
    pipeline.add(delay("a"));
    pipeline.setEnabled("a", false);
    assertThat(pipeline.replace(delay("a"))).isTrue();
    assertThat(pipeline.isEnabled("a")).isFalse();
    assertThat(session.plan(READ).isNone()).isTrue();
    pipeline.remove("a");
    pipeline.add(delay("a"));
    assertThat(pipeline.isEnabled("a")).isTrue();
  }

  @Test
  void unknownIdsChangeNothing() {
    pipeline.add(delay("a"));
    assertThat(pipeline.setEnabled("zzz", false)).isFalse();
    assertThat(pipeline.isEnabled("a")).isTrue();
    assertThat(pipeline.setEnabled("a", true)).isTrue();
  }

  @Test
  void aNewSessionIgnoresADisabledIdleClose() {
    pipeline.add(new FaultSpec("idle", new ActionSpec.IdleClose(Duration.ofSeconds(1), CloseMode.FIN),
        TriggerSpec.ALWAYS, Scope.SERVER));
    assertThat(pipeline.openSession(connection(2, Transport.TCP)).idleCloseNanos()).isEqualTo(1_000_000_000L);
    pipeline.setEnabled("idle", false);
    assertThat(pipeline.openSession(connection(3, Transport.TCP)).idleCloseNanos()).isEqualTo(-1);
  }

  @Test
  void replaceAllSwapsEveryFaultAtOnceAndEnablesThem() {
    pipeline.add(delay("a"));
    pipeline.add(delay("b"));
    pipeline.setEnabled("b", false);
    pipeline.replaceAll(List.of(delay("b"), delay("c")));
    assertThat(pipeline.faults()).extracting(FaultSpec::id).containsExactly("b", "c");
    assertThat(pipeline.isEnabled("b")).isTrue();
    assertThat(session.plan(READ).faultIds()).containsExactly("b", "c");
    assertThatThrownBy(() -> pipeline.replaceAll(List.of(delay("x"), delay("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x'");
    assertThat(pipeline.faults()).extracting(FaultSpec::id).containsExactly("b", "c");
  }

  @Test
  void sessionsNeverSeeAMixDuringReplaceAll() throws Exception {
    List<FaultSpec> one = List.of(delay("a1"), delay("a2"));
    List<FaultSpec> two = List.of(delay("b1"), delay("b2"));
    pipeline.replaceAll(one);
    Thread changer = Thread.ofPlatform().start(() -> {
      for (int i = 0; i < 2_000; i++) {
        pipeline.replaceAll(i % 2 == 0 ? two : one);
      }
    });
    while (changer.isAlive()) {
      assertThat(session.plan(READ).faultIds()).isIn(List.of("a1", "a2"), List.of("b1", "b2"));
    }
    changer.join();
  }
}
