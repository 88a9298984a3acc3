package dev.modbustoolkit.fault;

import static dev.modbustoolkit.fault.Harness.READ;
import static dev.modbustoolkit.fault.Harness.connection;
import static dev.modbustoolkit.fault.Harness.transmit;
import static dev.modbustoolkit.fault.TestFormats.MBAP;
import static dev.modbustoolkit.fault.TestFormats.TCP_READ;
import static dev.modbustoolkit.fault.TestFormats.hex;
import static dev.modbustoolkit.fault.TestFormats.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per defect of the design this module replaces. */
class KnownTrapsTest {

  @Test
  void theRstFlagIsCarriedExplicitly() {
    // The old design ignored it and let the OS pick FIN or RST.
    TransmissionPlan rst =
        transmit(Transport.TCP, ActionSpec.CloseConnection.afterRequests(0, CloseMode.RST));
    TransmissionPlan fin =
        transmit(Transport.TCP, ActionSpec.CloseConnection.afterRequests(0, CloseMode.FIN));
    assertThat(rst.after()).isEqualTo(ConnectionDirective.CLOSE_RST);
    assertThat(fin.after()).isEqualTo(ConnectionDirective.CLOSE_FIN);
    assertThat(transmit(Transport.TCP, new ActionSpec.ResetAfterPartial(Cut.HALF)).after())
        .isEqualTo(ConnectionDirective.CLOSE_RST);
  }

  @Test
  void dropMidFrameContainsOnlyThePartialBytesThenClose() {
    // The old design closed only after a full response.
    TransmissionPlan tp =
        transmit(
            Transport.TCP,
            new ActionSpec.DropMidFrame(new Cut.Bytes(6)),
            new ActionSpec.DuplicateResponse(2, Duration.ZERO),
            new ActionSpec.ExtraBytes(new ByteSource.Given(hex("AABB"))));
    assertThat(tp.bytes()).isEqualTo(prefix(TCP_READ, 6));
    assertThat(tp.length()).isLessThan(TCP_READ.length);
    assertThat(tp.after()).isEqualTo(ConnectionDirective.CLOSE_FIN);
  }

  @Test
  void holdOpenCanFire() {
    // The old design's hold-open could never fire.
    FaultPipeline p = FaultPipeline.create(3);
    p.add(FaultSpec.of("hang", new ActionSpec.HoldOpen(), TriggerSpec.builder().skipFirst(1).build()));
    FaultSession s = p.openSession(connection(1, Transport.TCP));
    assertThat(s.plan(READ).isNone()).isTrue();
    FaultPlan second = s.plan(READ);
    assertThat(second.after()).isEqualTo(ConnectionDirective.HOLD_OPEN);
    assertThat(second.beforeDispatch()).isEqualTo(DispatchVerdict.SKIP_NO_RESPONSE);
    assertThat(p.stats("hang").orElseThrow().activations()).isEqualTo(1);
  }

  @Test
  void aDelayDoesNotLoseAnOverriddenTransactionId() {
    TransmissionPlan tp =
        transmit(
            Transport.TCP,
            new ActionSpec.Delay(Duration.ofMillis(100), Duration.ZERO),
            new ActionSpec.WrongTransactionId(new FieldOverride.Fixed(0xBEEF)));
    assertThat(prefix(tp.bytes(), 2)).isEqualTo(hex("BEEF"));
    assertThat(tp.totalDelayNanos()).isEqualTo(100_000_000L);
    // And in the other pipeline order.
    TransmissionPlan reversed =
        transmit(
            Transport.TCP,
            new ActionSpec.WrongTransactionId(new FieldOverride.Fixed(0xBEEF)),
            new ActionSpec.Delay(Duration.ofMillis(100), Duration.ZERO));
    assertThat(reversed).isEqualTo(tp);
  }

  @Test
  void rawBytesWithADelayAreNotFramedTwice() {
    byte[] raw = hex("00 01 00 00 00 03 01 83 02");
    TransmissionPlan tp =
        transmit(
            Transport.TCP,
            new ActionSpec.Delay(Duration.ofMillis(50), Duration.ZERO),
            new ActionSpec.RawResponse(raw),
            new ActionSpec.WrongUnitId(FieldOverride.plusOne()),
            new ActionSpec.WrongMbapLength(FieldOverride.plusOne()));
    assertThat(tp.bytes()).isEqualTo(raw);
    assertThat(tp.segments()).hasSize(1);
    assertThat(tp.segments().get(0).delayBeforeNanos()).isEqualTo(50_000_000L);
  }

  @Test
  void randomnessIsSeeded() {
    assertThat(sequence(99)).isEqualTo(sequence(99));
    assertThat(sequence(99)).isNotEqualTo(sequence(100));
  }

  private static List<String> sequence(long seed) {
    FaultPipeline p = FaultPipeline.create(seed);
    p.add(FaultSpec.of("flaky", new ActionSpec.NoResponse(false), TriggerSpec.builder().probability(0.3).build()));
    p.add(FaultSpec.of("jitter", new ActionSpec.Delay(Duration.ZERO, Duration.ofMillis(10))));
    p.add(FaultSpec.of("tx", new ActionSpec.WrongTransactionId(new FieldOverride.Random())));
    FaultSession s = p.openSession(connection(1, Transport.TCP));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      FaultPlan plan = s.plan(READ);
      out.add(plan.faultIds() + " " + plan.transmit(TCP_READ, TCP_READ.length, MBAP));
    }
    return out;
  }
}
