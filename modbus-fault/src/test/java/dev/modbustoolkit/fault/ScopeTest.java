package dev.modbustoolkit.fault;

import static dev.modbustoolkit.fault.Harness.connection;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where trigger counters live. */
class ScopeTest {
  private static final ActionSpec ACTION = new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO);
  private static final TriggerSpec EVERY_SECOND = TriggerSpec.builder().everyNth(2).build();

  private static FaultPipeline pipeline(Scope scope, TriggerSpec trigger) {
    FaultPipeline p = FaultPipeline.create(11);
    p.add(new FaultSpec("f", ACTION, trigger, scope));
    return p;
  }

  private static boolean fires(FaultSession s, int unit) {
    return !s.plan(RequestInfo.of(unit, 3, 0, 1)).isNone();
  }

  @Test
  void serverScopeCountsAcrossConnectionsAndUnits() {
    FaultPipeline p = pipeline(Scope.SERVER, EVERY_SECOND);
    FaultSession a = p.openSession(connection(1, Transport.TCP));
    FaultSession b = p.openSession(connection(2, Transport.TCP));
    assertThat(fires(a, 1)).isFalse();
    assertThat(fires(b, 2)).isTrue();
    assertThat(fires(a, 3)).isFalse();
    assertThat(fires(b, 1)).isTrue();
  }

  @Test
  void unitScopeCountsPerUnitAcrossConnections() {
    FaultPipeline p = pipeline(Scope.UNIT, EVERY_SECOND);
    FaultSession a = p.openSession(connection(1, Transport.TCP));
    FaultSession b = p.openSession(connection(2, Transport.TCP));
    assertThat(fires(a, 1)).isFalse();
    assertThat(fires(a, 2)).isFalse();
    assertThat(fires(b, 1)).as("second request to unit 1").isTrue();
    assertThat(fires(b, 2)).as("second request to unit 2").isTrue();
    assertThat(fires(a, 3)).isFalse();
  }

  @Test
  void connectionScopeCountsPerConnection() {
    FaultPipeline p = pipeline(Scope.CONNECTION, EVERY_SECOND);
    FaultSession a = p.openSession(connection(1, Transport.TCP));
    FaultSession b = p.openSession(connection(2, Transport.TCP));
    assertThat(fires(a, 1)).isFalse();
    assertThat(fires(b, 1)).isFalse();
    assertThat(fires(a, 1)).isTrue();
    assertThat(fires(b, 1)).isTrue();
  }

  @Test
  void connectionScopeStartsAfreshOnANewConnection() {
    FaultPipeline p = pipeline(Scope.CONNECTION, TriggerSpec.builder().maxActivations(1).build());
    FaultSession a = p.openSession(connection(1, Transport.TCP));
    assertThat(fires(a, 1)).isTrue();
    assertThat(fires(a, 1)).isFalse();
    a.close();
    FaultSession b = p.openSession(connection(2, Transport.TCP));
    assertThat(fires(b, 1)).isTrue();
    assertThat(p.stats("f").orElseThrow().activations()).isEqualTo(2);
  }

  @Test
  void maxActivationsInServerScopeIsGlobal() {
    FaultPipeline p = pipeline(Scope.SERVER, TriggerSpec.builder().maxActivations(1).build());
    assertThat(fires(p.openSession(connection(1, Transport.TCP)), 1)).isTrue();
    assertThat(fires(p.openSession(connection(2, Transport.TCP)), 1)).isFalse();
  }

  @Test
  void aClosedSessionPlansNothing() {
    FaultPipeline p = pipeline(Scope.SERVER, TriggerSpec.ALWAYS);
    FaultSession s = p.openSession(connection(1, Transport.TCP));
    s.close();
    assertThat(s.plan(Harness.READ)).isSameAs(FaultPlan.NONE);
  }

  @Test
  void connectionScopedRandomnessDoesNotDependOnOtherConnections() {
    TriggerSpec half = TriggerSpec.builder().probability(0.5).build();
    // Connection 1 alone.
    FaultPipeline alone = pipeline(Scope.CONNECTION, half);
    FaultSession only = alone.openSession(connection(1, Transport.TCP));
    List<Boolean> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(fires(only, 1));
    }
    // Connection 1 interleaved with heavy traffic on connection 2.
    FaultPipeline busy = pipeline(Scope.CONNECTION, half);
    FaultSession one = busy.openSession(connection(1, Transport.TCP));
    FaultSession two = busy.openSession(connection(2, Transport.TCP));
    List<Boolean> actual = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      for (int j = 0; j < i % 4; j++) {
        fires(two, 1);
      }
      actual.add(fires(one, 1));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(expected).contains(true, false);
  }

  @Test
  void differentConnectionsGetDifferentStreams() {
    TriggerSpec half = TriggerSpec.builder().probability(0.5).build();
    FaultPipeline p = pipeline(Scope.CONNECTION, half);
    FaultSession a = p.openSession(connection(1, Transport.TCP));
    FaultSession b = p.openSession(connection(2, Transport.TCP));
    List<Boolean> sa = new ArrayList<>();
    List<Boolean> sb = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      sa.add(fires(a, 1));
      sb.add(fires(b, 1));
    }
    assertThat(sa).isNotEqualTo(sb);
  }
}
