package dev.modbustoolkit.fault;

import static dev.modbustoolkit.fault.Harness.plan;
import static dev.modbustoolkit.fault.Harness.transmit;
import static dev.modbustoolkit.fault.TestFormats.RTU_READ;
import static dev.modbustoolkit.fault.TestFormats.TCP_READ;
import static dev.modbustoolkit.fault.TestFormats.concat;
import static dev.modbustoolkit.fault.TestFormats.hex;
import static dev.modbustoolkit.fault.TestFormats.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.ExceptionCode;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How faults combine: the order of application documented in package-info. */
class CombinationTest {

  @Test
  void delaysAndLateResponsesAddUp() {
    TransmissionPlan tp =
        transmit(
            Transport.TCP,
            new ActionSpec.Delay(Duration.ofMillis(10), Duration.ZERO),
            new ActionSpec.Delay(Duration.ofMillis(5), Duration.ZERO),
            new ActionSpec.LateResponse(Duration.ofSeconds(1)));
    assertThat(tp.segments()).hasSize(1);
    assertThat(tp.totalDelayNanos()).isEqualTo(1_015_000_000L);
  }

  @Test
  void noResponseWinsOverAnException() {
    FaultPlan p =
        plan(
            Transport.TCP,
            new ActionSpec.RespondWithException(ExceptionCode.ACKNOWLEDGE),
            new ActionSpec.NoResponse(false));
    assertThat(p.beforeDispatch()).isEqualTo(DispatchVerdict.SKIP_NO_RESPONSE);
    assertThat(p.exceptionCode()).isNull();
    assertThat(p.responseDropped()).isTrue();
  }

  @Test
  void theFirstExceptionInPipelineOrderWins() {
    FaultPlan p =
        plan(
            Transport.TCP,
            new ActionSpec.RespondWithException(ExceptionCode.ILLEGAL_DATA_ADDRESS),
            new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY));
    assertThat(p.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  @Test
  void anExceptionResponseIsMutatedLikeAnyResponse() {
    FaultPlan p =
        plan(
            Transport.TCP,
            new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY),
            new ActionSpec.WrongTransactionId(FieldOverride.plusOne()),
            new ActionSpec.Delay(Duration.ofMillis(7), Duration.ZERO));
    byte[] exception = TestFormats.tcp(0x1234, 0x11, hex("83 06"));
    TransmissionPlan tp = p.transmit(exception, exception.length, TestFormats.MBAP);
    assertThat(prefix(tp.bytes(), 2)).isEqualTo(hex("1235"));
    assertThat(tp.totalDelayNanos()).isEqualTo(7_000_000L);
  }

  @Test
  void theStrongestDirectiveWins() {
    assertThat(
            plan(
                    Transport.TCP,
                    new ActionSpec.DropMidFrame(Cut.HALF),
                    new ActionSpec.ResetAfterPartial(Cut.HALF))
                .after())
        .isEqualTo(ConnectionDirective.CLOSE_RST);
    assertThat(
            plan(Transport.TCP, ActionSpec.CloseConnection.afterRequests(0, CloseMode.RST), new ActionSpec.HoldOpen())
                .after())
        .isEqualTo(ConnectionDirective.HOLD_OPEN);
    assertThat(ConnectionDirective.CLOSE_FIN.strongest(ConnectionDirective.KEEP_OPEN))
        .isEqualTo(ConnectionDirective.CLOSE_FIN);
  }

  @Test
  void theShortestCutWins() {
    TransmissionPlan tp =
        transmit(
            Transport.TCP,
            new ActionSpec.Truncate(new Cut.Bytes(9)),
            new ActionSpec.DropMidFrame(new Cut.Bytes(4)));
    assertThat(tp.bytes()).isEqualTo(prefix(TCP_READ, 4));
  }

  @Test
  void extraBytesFollowTheTruncatedFrame() {
    TransmissionPlan tp =
        transmit(
            Transport.TCP,
            new ActionSpec.ExtraBytes(new ByteSource.Given(hex("EE"))),
            new ActionSpec.Truncate(new Cut.Bytes(8)));
    assertThat(tp.bytes()).isEqualTo(concat(prefix(TCP_READ, 8), hex("EE")));
  }

  @Test
  void duplicatesCarryTheMutatedFrame() {
    TransmissionPlan tp =
        transmit(
            Transport.TCP,
            new ActionSpec.DuplicateResponse(1, Duration.ofMillis(2)),
            new ActionSpec.WrongTransactionId(new FieldOverride.Fixed(1)));
    byte[] mutated = TCP_READ.clone();
    mutated[0] = 0;
    mutated[1] = 1;
    assertThat(tp.bytes()).isEqualTo(concat(mutated, mutated));
  }

  @Test
  void splitsApplyInsideEveryCopyAndGapsAtOnePositionAddUp() {
    TransmissionPlan tp =
        transmit(
            Transport.RTU,
            ActionSpec.SplitResponse.at(Duration.ofMillis(1), 3),
            new ActionSpec.InterCharacterGap(3, 2.0),
            new ActionSpec.DuplicateResponse(1, Duration.ofMillis(10)));
    assertThat(tp.segments()).hasSize(4);
    assertThat(tp.segments().get(1).delayBeforeNanos())
        .isEqualTo(1_000_000L + 2 * TestFormats.RTU_CHARACTER_NANOS);
    assertThat(tp.segments().get(2).delayBeforeNanos()).isEqualTo(10_000_000L);
    assertThat(tp.bytes()).isEqualTo(concat(RTU_READ, RTU_READ));
  }

  @Test
  void garbageSurroundsTheDuplicates() {
    TransmissionPlan tp =
        transmit(
            Transport.RTU,
            new ActionSpec.Garbage(GarbagePlacement.BOTH, new ByteSource.Given(hex("00")), Duration.ofMillis(1)),
            new ActionSpec.DuplicateResponse(1, Duration.ofMillis(1)));
    assertThat(tp.bytes()).isEqualTo(concat(hex("00"), RTU_READ, RTU_READ, hex("00")));
  }

  @Test
  void rawBytesAreStillTruncatedExtendedAndTimed() {
    byte[] raw = hex("0102030405");
    TransmissionPlan tp =
        transmit(
            Transport.TCP,
            new ActionSpec.RawResponse(raw),
            new ActionSpec.Truncate(new Cut.Bytes(3)),
            new ActionSpec.ExtraBytes(new ByteSource.Given(hex("09"))),
            ActionSpec.SplitResponse.at(Duration.ofMillis(1), 1));
    assertThat(tp.bytes()).isEqualTo(hex("01020309"));
    assertThat(tp.segments()).hasSize(2);
  }

  @Test
  void theFirstRawFaultWins() {
    TransmissionPlan tp =
        transmit(Transport.TCP, new ActionSpec.RawResponse(hex("01")), new ActionSpec.RawResponse(hex("02")));
    assertThat(tp.bytes()).isEqualTo(hex("01"));
  }

  @Test
  void fieldOverridesAreResealedOnceAndChecksumFaultsComeAfter() {
    byte[] b =
        transmit(
                Transport.RTU,
                new ActionSpec.WrongFunctionCode(new FieldOverride.Fixed(0x83)),
                new ActionSpec.WrongByteCount(new FieldOverride.Fixed(1)),
                new ActionSpec.WrongUnitId(new FieldOverride.Fixed(9)))
            .bytes();
    assertThat(Arrays.copyOf(b, 3)).isEqualTo(hex("098301"));
    assertThat(Crc16.valid(b)).isTrue();
  }

  @Test
  void dropMidFrameWithDelayKeepsTheDelay() {
    TransmissionPlan tp =
        transmit(
            Transport.TCP,
            new ActionSpec.DropMidFrame(new Cut.Bytes(3)),
            new ActionSpec.Delay(Duration.ofMillis(4), Duration.ZERO));
    assertThat(tp.segments()).hasSize(1);
    assertThat(tp.segments().get(0).delayBeforeNanos()).isEqualTo(4_000_000L);
    assertThat(tp.bytes()).isEqualTo(prefix(TCP_READ, 3));
  }

  @Test
  void aNoResponseWithCloseStillClosesWithoutBytes() {
    FaultPlan p =
        plan(Transport.TCP, new ActionSpec.NoResponse(false), ActionSpec.CloseConnection.afterRequests(0, CloseMode.FIN));
    assertThat(p.beforeDispatch()).isEqualTo(DispatchVerdict.SKIP_NO_RESPONSE);
    assertThat(p.after()).isEqualTo(ConnectionDirective.CLOSE_FIN);
    TransmissionPlan tp = p.transmit(TCP_READ, TCP_READ.length, TestFormats.MBAP);
    assertThat(tp.isEmpty()).isTrue();
    assertThat(tp.after()).isEqualTo(ConnectionDirective.CLOSE_FIN);
  }

  @Test
  void transmitIsRepeatable() {
    FaultPlan p =
        plan(
            Transport.RTU,
            new ActionSpec.ByteJitter(Duration.ofMillis(1)),
            new ActionSpec.ExtraBytes(new ByteSource.RandomBytes(4)),
            new ActionSpec.Delay(Duration.ZERO, Duration.ofMillis(5)));
    assertThat(p.transmit(RTU_READ, RTU_READ.length, TestFormats.RTU))
        .isEqualTo(p.transmit(RTU_READ, RTU_READ.length, TestFormats.RTU));
  }
}
