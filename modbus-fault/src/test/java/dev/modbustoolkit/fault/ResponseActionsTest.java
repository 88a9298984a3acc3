package dev.modbustoolkit.fault;

import static dev.modbustoolkit.fault.Harness.plan;
import static dev.modbustoolkit.fault.Harness.transmit;
import static dev.modbustoolkit.fault.TestFormats.MBAP;
import static dev.modbustoolkit.fault.TestFormats.RTU;
import static dev.modbustoolkit.fault.TestFormats.RTU_READ;
import static dev.modbustoolkit.fault.TestFormats.TCP_READ;
import static dev.modbustoolkit.fault.TestFormats.concat;
import static dev.modbustoolkit.fault.TestFormats.formatOf;
import static dev.modbustoolkit.fault.TestFormats.hex;
import static dev.modbustoolkit.fault.TestFormats.prefix;
import static dev.modbustoolkit.fault.TestFormats.readFrameFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.ExceptionCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every response action on a TCP-format and an RTU-format frame. */
class ResponseActionsTest {

  @Nested
  class Timing {
    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void delayWaitsBasePlusJitterAndKeepsTheBytes(Transport t) {
      TransmissionPlan tp =
          transmit(t, new ActionSpec.Delay(Duration.ofMillis(200), Duration.ofMillis(50)));
      assertThat(tp.bytes()).isEqualTo(readFrameFor(t));
      assertThat(tp.segments()).hasSize(1);
      assertThat(tp.segments().get(0).delayBeforeNanos())
          .isBetween(Duration.ofMillis(200).toNanos(), Duration.ofMillis(250).toNanos());
      assertThat(tp.after()).isEqualTo(ConnectionDirective.KEEP_OPEN);
    }

    @Test
    void delayWithoutJitterIsExact() {
      TransmissionPlan tp = transmit(Transport.TCP, new ActionSpec.Delay(Duration.ofMillis(30), Duration.ZERO));
      assertThat(tp.totalDelayNanos()).isEqualTo(30_000_000L);
    }

    @Test
    void jitterVariesBetweenRequestsButStaysInRange() {
      FaultSession s =
          Harness.session(Transport.TCP, new ActionSpec.Delay(Duration.ZERO, Duration.ofMillis(100)));
      long[] delays = new long[50];
      for (int i = 0; i < delays.length; i++) {
        delays[i] = s.plan(Harness.READ).transmit(TCP_READ, TCP_READ.length, MBAP).totalDelayNanos();
      }
      assertThat(Arrays.stream(delays).boxed().toList()).allMatch(d -> d >= 0 && d <= 100_000_000L);
      assertThat(Arrays.stream(delays).distinct().count()).isGreaterThan(40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void lateResponseIsSentAfterTheDelay(Transport t) {
      FaultPlan p = plan(t, new ActionSpec.LateResponse(Duration.ofSeconds(3)));
      assertThat(p.beforeDispatch()).isEqualTo(DispatchVerdict.DISPATCH);
      assertThat(p.responseDropped()).isFalse();
      TransmissionPlan tp = p.transmit(readFrameFor(t), readFrameFor(t).length, formatOf(t));
      assertThat(tp.bytes()).isEqualTo(readFrameFor(t));
      assertThat(tp.segments().get(0).delayBeforeNanos()).isEqualTo(3_000_000_000L);
    }
  }

  @Nested
  class Suppression {
    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void noResponseSkipsDispatchAndSendsNothing(Transport t) {
      FaultPlan p = plan(t, new ActionSpec.NoResponse(false));
      assertThat(p.beforeDispatch()).isEqualTo(DispatchVerdict.SKIP_NO_RESPONSE);
      assertThat(p.responseDropped()).isTrue();
      assertThat(p.after()).isEqualTo(ConnectionDirective.KEEP_OPEN);
      assertThat(p.transmit(readFrameFor(t), readFrameFor(t).length, formatOf(t)).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void noResponseAfterExecutionDispatchesButDropsTheAnswer(Transport t) {
      FaultPlan p = plan(t, new ActionSpec.NoResponse(true));
      assertThat(p.beforeDispatch()).isEqualTo(DispatchVerdict.DISPATCH);
      assertThat(p.responseDropped()).isTrue();
      assertThat(p.transmit(readFrameFor(t), readFrameFor(t).length, formatOf(t)).segments()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void exceptionSkipsDispatchWithTheCode(Transport t) {
      FaultPlan p = plan(t, new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY));
      assertThat(p.beforeDispatch()).isEqualTo(DispatchVerdict.SKIP_WITH_EXCEPTION);
      assertThat(p.exceptionCode()).isEqualTo(ExceptionCode.SERVER_DEVICE_BUSY);
      assertThat(p.responseDropped()).isFalse();
      byte[] exceptionFrame =
          t == Transport.TCP ? TestFormats.tcp(0x1234, 0x11, hex("83 06")) : TestFormats.rtu(0x11, hex("83 06"));
      TransmissionPlan tp = p.transmit(exceptionFrame, exceptionFrame.length, formatOf(t));
      assertThat(tp.bytes()).isEqualTo(exceptionFrame);
    }

    @Test
    void everyListedExceptionCodeCanBeChosen() {
      for (int code : new int[] {1, 2, 3, 4, 5, 6, 0x0A, 0x0B}) {
        ExceptionCode c = ExceptionCode.of(code).orElseThrow();
        assertThat(plan(Transport.TCP, new ActionSpec.RespondWithException(c)).exceptionCode()).isEqualTo(c);
      }
    }
  }

  @Nested
  class Duplicates {
    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void duplicateSendsTheFrameAgainAfterTheGap(Transport t) {
      byte[] f = readFrameFor(t);
      TransmissionPlan tp = transmit(t, new ActionSpec.DuplicateResponse(2, Duration.ofMillis(5)));
      assertThat(tp.bytes()).isEqualTo(concat(f, f, f));
      assertThat(tp.segments()).extracting(Segment::delayBeforeNanos).containsExactly(0L, 5_000_000L, 5_000_000L);
    }

    @Test
    void duplicateWithoutGapIsOneWrite() {
      TransmissionPlan tp = transmit(Transport.TCP, new ActionSpec.DuplicateResponse(1, Duration.ZERO));
      assertThat(tp.segments()).hasSize(1);
      assertThat(tp.bytes()).isEqualTo(concat(TCP_READ, TCP_READ));
    }
  }

  @Nested
  class WrongFields {
    @Test
    void transactionIdFixedPlusOneRandomAndSwapped() {
      assertThat(txId(new FieldOverride.Fixed(7))).isEqualTo(7);
      assertThat(txId(new FieldOverride.Offset(1))).isEqualTo(0x1235);
      assertThat(txId(new FieldOverride.ByteSwap())).isEqualTo(0x3412);
      assertThat(txId(new FieldOverride.Random())).isNotEqualTo(0x1234).isBetween(0, 0xFFFF);
    }

    @Test
    void transactionIdOffsetWrapsAround() {
      byte[] frame = TestFormats.tcp(0xFFFF, 1, TestFormats.READ_PDU);
      TransmissionPlan tp =
          plan(Transport.TCP, new ActionSpec.WrongTransactionId(new FieldOverride.Offset(1)))
              .transmit(frame, frame.length, MBAP);
      assertThat(tp.bytes()).startsWith(0, 0);
    }

    @Test
    void transactionIdDoesNotApplyToRtu() {
      FaultSession s = Harness.session(Transport.RTU, new ActionSpec.WrongTransactionId(FieldOverride.plusOne()));
      assertThat(s.plan(Harness.READ)).isSameAs(FaultPlan.NONE);
    }

    private int txId(FieldOverride o) {
      byte[] b = transmit(Transport.TCP, new ActionSpec.WrongTransactionId(o)).bytes();
      assertThat(Arrays.copyOfRange(b, 2, b.length)).isEqualTo(Arrays.copyOfRange(TCP_READ, 2, TCP_READ.length));
      return (Byte.toUnsignedInt(b[0]) << 8) | Byte.toUnsignedInt(b[1]);
    }

    @Test
    void unitIdOnTcp() {
      byte[] b = transmit(Transport.TCP, new ActionSpec.WrongUnitId(new FieldOverride.Fixed(0x22))).bytes();
      byte[] expected = TCP_READ.clone();
      expected[6] = 0x22;
      assertThat(b).isEqualTo(expected);
    }

    @Test
    void unitIdOnRtuKeepsAValidCrc() {
      byte[] b = transmit(Transport.RTU, new ActionSpec.WrongUnitId(FieldOverride.plusOne())).bytes();
      assertThat(b[0]).isEqualTo((byte) 0x12);
      assertThat(Arrays.copyOfRange(b, 1, 7)).isEqualTo(Arrays.copyOfRange(RTU_READ, 1, 7));
      assertThat(Crc16.valid(b)).isTrue();
      assertThat(b).isNotEqualTo(RTU_READ);
    }

    @Test
    void randomUnitIdDiffersFromTheRealOne() {
      for (int i = 0; i < 20; i++) {
        FaultPipeline p = FaultPipeline.create(i);
        p.add(FaultSpec.of("u", new ActionSpec.WrongUnitId(new FieldOverride.Random())));
        byte[] b =
            p.openSession(Harness.connection(1, Transport.RTU))
                .plan(Harness.READ)
                .transmit(RTU_READ, RTU_READ.length, RTU)
                .bytes();
        assertThat(b[0]).isNotEqualTo((byte) 0x11);
        assertThat(Crc16.valid(b)).isTrue();
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void functionCode(Transport t) {
      byte[] b = transmit(t, new ActionSpec.WrongFunctionCode(new FieldOverride.Fixed(0x04))).bytes();
      int fcAt = formatOf(t).headerLength();
      assertThat(b[fcAt]).isEqualTo((byte) 0x04);
      byte[] expected = readFrameFor(t);
      expected[fcAt] = 0x04;
      if (t == Transport.RTU) {
        RTU.reseal(expected, expected.length);
        assertThat(Crc16.valid(b)).isTrue();
      }
      assertThat(b).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void byteCount(Transport t) {
      byte[] b = transmit(t, new ActionSpec.WrongByteCount(new FieldOverride.Offset(2))).bytes();
      int at = formatOf(t).headerLength() + 1;
      assertThat(b[at]).isEqualTo((byte) 6);
      assertThat(b).hasSize(readFrameFor(t).length);
      if (t == Transport.RTU) {
        assertThat(Crc16.valid(b)).isTrue();
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void byteCountIsANoOpWithoutAByteCount(Transport t) {
      byte[] frame =
          t == Transport.TCP
              ? TestFormats.tcp(0x1234, 0x11, TestFormats.WRITE_PDU)
              : TestFormats.rtu(0x11, TestFormats.WRITE_PDU);
      TransmissionPlan tp =
          plan(t, new ActionSpec.WrongByteCount(FieldOverride.plusOne())).transmit(frame, frame.length, formatOf(t));
      assertThat(tp.bytes()).isEqualTo(frame);
    }

    @Test
    void byteCountOfFifoQueueIsSixteenBits() {
      byte[] frame = TestFormats.tcp(1, 1, hex("18 0006 0002 1111 2222"));
      byte[] b =
          plan(Transport.TCP, new ActionSpec.WrongByteCount(new FieldOverride.Fixed(0x0100)))
              .transmit(frame, frame.length, MBAP)
              .bytes();
      assertThat(Arrays.copyOfRange(b, 8, 10)).isEqualTo(hex("0100"));
    }

    @Test
    void mbapLengthStaysWrongAfterResealing() {
      byte[] b =
          transmit(
                  Transport.TCP,
                  new ActionSpec.WrongMbapLength(new FieldOverride.Offset(-1)),
                  new ActionSpec.WrongUnitId(new FieldOverride.Fixed(5)))
              .bytes();
      assertThat(Arrays.copyOfRange(b, 4, 6)).isEqualTo(hex("0006"));
      assertThat(b[6]).isEqualTo((byte) 5);
    }

    @Test
    void mbapLengthSwapAndRandom() {
      byte[] swapped = transmit(Transport.TCP, new ActionSpec.WrongMbapLength(new FieldOverride.ByteSwap())).bytes();
      assertThat(Arrays.copyOfRange(swapped, 4, 6)).isEqualTo(hex("0700"));
      byte[] random = transmit(Transport.TCP, new ActionSpec.WrongMbapLength(new FieldOverride.Random())).bytes();
      assertThat(Arrays.copyOfRange(random, 4, 6)).isNotEqualTo(hex("0007"));
    }

    @Test
    void mbapLengthDoesNotApplyToRtu() {
      assertThat(plan(Transport.RTU, new ActionSpec.WrongMbapLength(FieldOverride.plusOne())))
          .isSameAs(FaultPlan.NONE);
    }
  }

  @Nested
  class Lengths {
    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void truncateToBytes(Transport t) {
      assertThat(transmit(t, new ActionSpec.Truncate(new Cut.Bytes(4))).bytes())
          .isEqualTo(prefix(readFrameFor(t), 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void truncateToPercent(Transport t) {
      int n = readFrameFor(t).length;
      assertThat(transmit(t, new ActionSpec.Truncate(new Cut.Percent(50))).bytes())
          .isEqualTo(prefix(readFrameFor(t), n / 2));
    }

    @Test
    void truncateToHeaderOnly() {
      assertThat(transmit(Transport.TCP, new ActionSpec.Truncate(new Cut.HeaderOnly())).bytes())
          .isEqualTo(prefix(TCP_READ, 7));
      assertThat(transmit(Transport.RTU, new ActionSpec.Truncate(new Cut.HeaderOnly())).bytes())
          .isEqualTo(prefix(RTU_READ, 1));
    }

    @Test
    void truncateAlwaysRemovesSomething() {
      assertThat(transmit(Transport.TCP, new ActionSpec.Truncate(new Cut.Bytes(500))).bytes())
          .isEqualTo(prefix(TCP_READ, TCP_READ.length - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void extraGivenBytes(Transport t) {
      assertThat(transmit(t, new ActionSpec.ExtraBytes(new ByteSource.Given(hex("DEAD")))).bytes())
          .isEqualTo(concat(readFrameFor(t), hex("DEAD")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void extraRandomBytes(Transport t) {
      byte[] b = transmit(t, new ActionSpec.ExtraBytes(new ByteSource.RandomBytes(16))).bytes();
      assertThat(b).hasSize(readFrameFor(t).length + 16).startsWith(readFrameFor(t));
      byte[] again = transmit(t, new ActionSpec.ExtraBytes(new ByteSource.RandomBytes(16))).bytes();
      assertThat(again).as("same seed, same bytes").isEqualTo(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void extraRepeatsTheLastBytes(Transport t) {
      byte[] f = readFrameFor(t);
      assertThat(transmit(t, new ActionSpec.ExtraBytes(new ByteSource.RepeatLast(3))).bytes())
          .isEqualTo(concat(f, Arrays.copyOfRange(f, f.length - 3, f.length)));
    }
  }

  @Nested
  class Splitting {
    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void splitAtPositions(Transport t) {
      byte[] f = readFrameFor(t);
      TransmissionPlan tp = transmit(t, ActionSpec.SplitResponse.at(Duration.ofMillis(10), 2, 5));
      assertThat(tp.segments()).hasSize(3);
      assertThat(tp.segments().get(0).bytes()).isEqualTo(prefix(f, 2));
      assertThat(tp.segments().get(1).bytes()).isEqualTo(Arrays.copyOfRange(f, 2, 5));
      assertThat(tp.segments().get(2).bytes()).isEqualTo(Arrays.copyOfRange(f, 5, f.length));
      assertThat(tp.segments()).extracting(Segment::delayBeforeNanos).containsExactly(0L, 10_000_000L, 10_000_000L);
      assertThat(tp.perByteTiming()).isTrue();
      assertThat(tp.bytes()).isEqualTo(f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void splitIntoParts(Transport t) {
      byte[] f = readFrameFor(t);
      TransmissionPlan tp = transmit(t, ActionSpec.SplitResponse.intoParts(3, Duration.ofMillis(1)));
      assertThat(tp.segments()).hasSize(3);
      assertThat(tp.bytes()).isEqualTo(f);
      assertThat(tp.segments().get(0).length()).isEqualTo(f.length / 3);
    }

    @Test
    void splitPositionsPastTheEndAreIgnored() {
      TransmissionPlan tp = transmit(Transport.RTU, ActionSpec.SplitResponse.at(Duration.ofMillis(1), 4, 400));
      assertThat(tp.segments()).hasSize(2);
    }
  }

  @Nested
  class Raw {
    @ParameterizedTest
    @ValueSource(strings = {"TCP", "RTU"})
    void rawBytesReplaceTheFrameExactly(Transport t) {
      byte[] raw = hex("01 02 03 04 05");
      TransmissionPlan tp = transmit(t, new ActionSpec.RawResponse(raw));
      assertThat(tp.bytes()).isEqualTo(raw);
      assertThat(tp.segments()).hasSize(1);
    }

    @Test
    void emptyRawSendsNothingButIsNotDropped() {
      FaultPlan p = plan(Transport.TCP, new ActionSpec.RawResponse(new byte[0]));
      assertThat(p.responseDropped()).isFalse();
      assertThat(p.transmit(TCP_READ, TCP_READ.length, MBAP).segments()).isEmpty();
    }
  }

  @Test
  void transmitDoesNotModifyTheCallersFrame() {
    byte[] f = TCP_READ.clone();
    plan(
            Transport.TCP,
            new ActionSpec.WrongTransactionId(FieldOverride.plusOne()),
            new ActionSpec.WrongUnitId(FieldOverride.plusOne()),
            new ActionSpec.WrongMbapLength(FieldOverride.plusOne()))
        .transmit(f, f.length, MBAP);
    assertThat(f).isEqualTo(TCP_READ);
  }

  @Test
  void transmitUsesOnlyTheGivenLength() {
    byte[] buffer = concat(TCP_READ, hex("FFFFFFFF"));
    TransmissionPlan tp =
        plan(Transport.TCP, new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO))
            .transmit(buffer, TCP_READ.length, MBAP);
    assertThat(tp.bytes()).isEqualTo(TCP_READ);
  }

  @Test
  void firedFaultIdsAreReportedInPipelineOrder() {
    FaultPlan p =
        plan(
            Transport.TCP,
            new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO),
            new ActionSpec.WrongUnitId(FieldOverride.plusOne()));
    assertThat(p.faultIds()).isEqualTo(List.of("f0", "f1"));
    assertThat(p.isNone()).isFalse();
  }
}
