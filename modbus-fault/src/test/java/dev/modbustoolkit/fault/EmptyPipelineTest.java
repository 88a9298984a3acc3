package dev.modbustoolkit.fault;

import static dev.modbustoolkit.fault.Harness.READ;
import static dev.modbustoolkit.fault.Harness.connection;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An empty pipeline changes nothing and allocates nothing per request. */
class EmptyPipelineTest {

  @Test
  void emptyPipelineReturnsTheSharedNonePlan() {
    FaultPipeline p = FaultPipeline.empty();
    assertThat(p.isEmpty()).isTrue();
    assertThat(p.seed()).isZero();
    FaultSession s = p.openSession(connection(1, Transport.TCP));
    assertThat(s.plan(READ)).isSameAs(FaultPlan.NONE);
    assertThat(s.idleCloseNanos()).isEqualTo(-1);
    assertThat(p.onConnect(connection(2, Transport.TCP), 100)).isEqualTo(ConnectDecision.ACCEPT);
  }

  @Test
  void emptyPipelinesAreIndependent() {
    FaultPipeline a = FaultPipeline.empty();
    FaultPipeline b = FaultPipeline.empty();
    a.add(FaultSpec.of("x", new ActionSpec.HoldOpen()));
    assertThat(b.isEmpty()).isTrue();
  }

  @Test
  void noneChangesNothing() {
    FaultPlan none = FaultPlan.NONE;
    assertThat(none.isNone()).isTrue();
    assertThat(none.beforeDispatch()).isEqualTo(DispatchVerdict.DISPATCH);
    assertThat(none.exceptionCode()).isNull();
    assertThat(none.responseDropped()).isFalse();
    assertThat(none.after()).isEqualTo(ConnectionDirective.KEEP_OPEN);
    assertThat(none.faultIds()).isEmpty();
    TransmissionPlan tp = none.transmit(TestFormats.TCP_READ, TestFormats.TCP_READ.length, TestFormats.MBAP);
    assertThat(tp).isEqualTo(TransmissionPlan.unchanged(TestFormats.TCP_READ, TestFormats.TCP_READ.length));
    assertThat(tp.segments()).containsExactly(new Segment(TestFormats.TCP_READ, 0));
    assertThat(tp.interFrameSilence()).isTrue();
    assertThat(tp.perByteTiming()).isFalse();
  }

  @Test
  void planningOnAnEmptyPipelineAllocatesNothing() {
    FaultSession s = FaultPipeline.empty().openSession(connection(1, Transport.TCP));
    assertThat(allocatedBytes(() -> s.plan(READ), 100_000)).isLessThan(4_096);
  }

  @Test
  void aFaultThatDoesNotFireAllocatesNothingEither() {
    FaultPipeline p = FaultPipeline.create(1);
    p.add(
        FaultSpec.of(
            "other-unit",
            new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO),
            TriggerSpec.builder().unitIds(200).build()));
    FaultSession s = p.openSession(connection(1, Transport.TCP));
    assertThat(allocatedBytes(() -> s.plan(READ), 100_000)).isLessThan(4_096);
  }

  @Test
  void aPipelineWhoseFaultsAreAllDisabledIsEmptyAndAllocatesNothing() {
    FaultPipeline p = FaultPipeline.create(1);
    p.add(FaultSpec.of("off", new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO)));
    p.setEnabled("off", false);
    assertThat(p.isEmpty()).isTrue();
    FaultSession s = p.openSession(connection(1, Transport.TCP));
    assertThat(s.plan(READ)).isSameAs(FaultPlan.NONE);
    assertThat(allocatedBytes(() -> s.plan(READ), 100_000)).isLessThan(4_096);
    assertThat(p.stats("off").orElseThrow().checks()).isZero();
  }

  private static long allocatedBytes(Runnable r, int times) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    for (int i = 0; i < 20_000; i++) {
      r.run(); // warm up so the JIT and class loading are out of the measurement
    }
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < times; i++) {
      r.run();
    }
    return threads.getThreadAllocatedBytes(id) - before;
  }
}
