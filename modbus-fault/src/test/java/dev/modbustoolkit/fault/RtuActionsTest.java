package dev.modbustoolkit.fault;

import static dev.modbustoolkit.fault.Harness.plan;
import static dev.modbustoolkit.fault.Harness.transmit;
import static dev.modbustoolkit.fault.TestFormats.RTU;
import static dev.modbustoolkit.fault.TestFormats.RTU_CHARACTER_NANOS;
import static dev.modbustoolkit.fault.TestFormats.RTU_READ;
import static dev.modbustoolkit.fault.TestFormats.concat;
import static dev.modbustoolkit.fault.TestFormats.hex;
import static dev.modbustoolkit.fault.TestFormats.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RTU-only actions on RTU frames; on a TCP session they do not apply at all. */
class RtuActionsTest {

  private static final List<ActionSpec> RTU_ONLY =
      List.of(
          ActionSpec.CorruptCrc.of(CrcCorruption.INVERT),
          new ActionSpec.PartialFrame(Cut.HALF, null),
          new ActionSpec.InterCharacterGap(3, 2.0),
          new ActionSpec.InterFrameViolation(1.0),
          new ActionSpec.Garbage(GarbagePlacement.BEFORE, new ByteSource.RandomBytes(3), Duration.ZERO),
          new ActionSpec.ByteJitter(Duration.ofMillis(1)));

  private static int crcOnWire(byte[] frame) {
    return Byte.toUnsignedInt(frame[frame.length - 2]) | Byte.toUnsignedInt(frame[frame.length - 1]) << 8;
  }

  @Nested
  class Crc {
    private final int good = crcOnWire(RTU_READ);

    private byte[] corrupted(CrcCorruption mode, int mask) {
      byte[] b = transmit(Transport.RTU, new ActionSpec.CorruptCrc(mode, mask)).bytes();
      assertThat(b).hasSize(RTU_READ.length);
      assertThat(prefix(b, b.length - 2)).isEqualTo(prefix(RTU_READ, RTU_READ.length - 2));
      assertThat(Crc16.valid(b)).isFalse();
      return b;
    }

    @Test
    void zero() {
      assertThat(crcOnWire(corrupted(CrcCorruption.ZERO, 0xFFFF))).isZero();
    }

    @Test
    void invert() {
      assertThat(crcOnWire(corrupted(CrcCorruption.INVERT, 0xFFFF))).isEqualTo(~good & 0xFFFF);
    }

    @Test
    void xor() {
      assertThat(crcOnWire(corrupted(CrcCorruption.XOR, 0x00F0))).isEqualTo(good ^ 0x00F0);
    }

    @Test
    void swap() {
      byte[] b = corrupted(CrcCorruption.SWAP, 0xFFFF);
      assertThat(b[b.length - 2]).isEqualTo(RTU_READ[RTU_READ.length - 1]);
      assertThat(b[b.length - 1]).isEqualTo(RTU_READ[RTU_READ.length - 2]);
    }

    @Test
    void aModeThatWouldLeaveTheCrcValidStillCorruptsIt() {
      // Find a frame whose CRC has two equal bytes, so a plain swap would leave it valid.
      byte[] frame = null;
      for (int v = 0; v < 65536 && frame == null; v++) {
        byte[] f = TestFormats.rtu(1, new byte[] {6, 0, 1, (byte) (v >> 8), (byte) v});
        if (f[f.length - 1] == f[f.length - 2]) {
          frame = f;
        }
      }
      assertThat(frame).isNotNull();
      byte[] b =
          plan(Transport.RTU, ActionSpec.CorruptCrc.of(CrcCorruption.SWAP))
              .transmit(frame, frame.length, RTU)
              .bytes();
      assertThat(Crc16.valid(b)).isFalse();
    }

    @Test
    void crcCorruptionSurvivesAResealingFault() {
      byte[] b =
          transmit(
                  Transport.RTU,
                  ActionSpec.CorruptCrc.of(CrcCorruption.INVERT),
                  new ActionSpec.WrongUnitId(FieldOverride.plusOne()))
              .bytes();
      assertThat(b[0]).isEqualTo((byte) 0x12);
      assertThat(Crc16.valid(b)).isFalse();
    }
  }

  @Nested
  class PartialFrames {
    @Test
    void partialFrameSendsOnlyThePrefix() {
      TransmissionPlan tp = transmit(Transport.RTU, new ActionSpec.PartialFrame(new Cut.Bytes(5), null));
      assertThat(tp.bytes()).isEqualTo(prefix(RTU_READ, 5));
      assertThat(tp.after()).isEqualTo(ConnectionDirective.KEEP_OPEN);
    }

    @Test
    void partialFrameWithRestSendsTheRestAfterThePause() {
      TransmissionPlan tp =
          transmit(Transport.RTU, new ActionSpec.PartialFrame(new Cut.Bytes(5), Duration.ofMillis(20)));
      assertThat(tp.segments()).hasSize(2);
      assertThat(tp.segments().get(0).bytes()).isEqualTo(prefix(RTU_READ, 5));
      assertThat(tp.segments().get(1).bytes()).isEqualTo(Arrays.copyOfRange(RTU_READ, 5, RTU_READ.length));
      assertThat(tp.segments().get(1).delayBeforeNanos()).isEqualTo(20_000_000L);
      assertThat(tp.bytes()).isEqualTo(RTU_READ);
    }
  }

  @Nested
  class Timing {
    @Test
    void interCharacterGapSplitsAtThePositionWithAGapLongerThanOneAndAHalfCharacters() {
      TransmissionPlan tp = transmit(Transport.RTU, new ActionSpec.InterCharacterGap(3, 2.0));
      assertThat(tp.segments()).hasSize(2);
      assertThat(tp.segments().get(0).bytes()).isEqualTo(prefix(RTU_READ, 3));
      long gap = tp.segments().get(1).delayBeforeNanos();
      assertThat(gap).isEqualTo(2 * RTU_CHARACTER_NANOS).isGreaterThan((long) (1.5 * RTU_CHARACTER_NANOS));
      assertThat(tp.perByteTiming()).isTrue();
      assertThat(tp.bytes()).isEqualTo(RTU_READ);
    }

    @Test
    void aFormatWithoutCharacterTimeAssumes9600Baud() {
      // The real RTU layout without a character time (as over TCP).
      FrameFormat noTiming = FrameFormats.rtu(0);
      TransmissionPlan tp =
          plan(Transport.RTU, new ActionSpec.InterCharacterGap(3, 2.0)).transmit(RTU_READ, RTU_READ.length, noTiming);
      assertThat(tp.segments().get(1).delayBeforeNanos()).isEqualTo(2 * 1_145_834L);
    }

    @Test
    void interFrameViolationDropsTheSilenceAndStartsEarly() {
      TransmissionPlan tp = transmit(Transport.RTU, new ActionSpec.InterFrameViolation(1.0));
      assertThat(tp.interFrameSilence()).isFalse();
      assertThat(tp.segments().get(0).delayBeforeNanos()).isEqualTo(RTU_CHARACTER_NANOS);
      assertThat(tp.bytes()).isEqualTo(RTU_READ);
    }

    @Test
    void normalPlansKeepTheInterFrameSilence() {
      assertThat(transmit(Transport.RTU, new ActionSpec.ByteJitter(Duration.ofMillis(1))).interFrameSilence())
          .isTrue();
    }

    @Test
    void byteJitterMakesOneSegmentPerByteWithBoundedDelays() {
      TransmissionPlan tp = transmit(Transport.RTU, new ActionSpec.ByteJitter(Duration.ofMillis(2)));
      assertThat(tp.bytes()).isEqualTo(RTU_READ);
      assertThat(tp.perByteTiming()).isTrue();
      // A zero draw merges two bytes; with nanosecond resolution that practically never happens.
      assertThat(tp.segments()).hasSize(RTU_READ.length);
      assertThat(tp.segments().get(0).delayBeforeNanos()).isZero();
      assertThat(tp.segments()).allMatch(s -> s.delayBeforeNanos() <= 2_000_000L && s.length() == 1);
    }
  }

  @Nested
  class Garbage {
    @Test
    void garbageBeforeWithGap() {
      TransmissionPlan tp =
          transmit(
              Transport.RTU,
              new ActionSpec.Garbage(
                  GarbagePlacement.BEFORE, new ByteSource.Given(hex("FF00")), Duration.ofMillis(3)));
      assertThat(tp.segments()).hasSize(2);
      assertThat(tp.segments().get(0).bytes()).isEqualTo(hex("FF00"));
      assertThat(tp.segments().get(1).bytes()).isEqualTo(RTU_READ);
      assertThat(tp.segments().get(1).delayBeforeNanos()).isEqualTo(3_000_000L);
    }

    @Test
    void garbageAfterWithoutGapJoinsTheFrame() {
      TransmissionPlan tp =
          transmit(
              Transport.RTU,
              new ActionSpec.Garbage(GarbagePlacement.AFTER, new ByteSource.Given(hex("AA")), Duration.ZERO));
      assertThat(tp.segments()).hasSize(1);
      assertThat(tp.bytes()).isEqualTo(concat(RTU_READ, hex("AA")));
    }

    @Test
    void garbageOnBothSides() {
      TransmissionPlan tp =
          transmit(
              Transport.RTU,
              new ActionSpec.Garbage(GarbagePlacement.BOTH, new ByteSource.RandomBytes(2), Duration.ofMillis(1)));
      byte[] b = tp.bytes();
      assertThat(b).hasSize(RTU_READ.length + 4);
      assertThat(Arrays.copyOfRange(b, 2, 2 + RTU_READ.length)).isEqualTo(RTU_READ);
      assertThat(Arrays.copyOfRange(b, 0, 2)).isEqualTo(Arrays.copyOfRange(b, b.length - 2, b.length));
      assertThat(tp.segments()).hasSize(3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"RTU", "RTU_OVER_TCP", "ASCII", "ASCII_OVER_TCP"})
  void rtuActionsApplyToSerialFraming(Transport t) {
    for (ActionSpec a : RTU_ONLY) {
      assertThat(plan(t, a).faultIds()).as(a.toString()).containsExactly("f0");
    }
  }

  @Test
  void rtuActionsAreNotEvenCheckedOnTcp() {
    FaultPipeline p = FaultPipeline.create(1);
    for (int i = 0; i < RTU_ONLY.size(); i++) {
      p.add(FaultSpec.of("rtu" + i, RTU_ONLY.get(i)));
    }
    FaultSession s = p.openSession(Harness.connection(1, Transport.TCP));
    assertThat(s.plan(Harness.READ)).isSameAs(FaultPlan.NONE);
    assertThat(p.stats()).allMatch(st -> st.checks() == 0 && st.activations() == 0);
  }

  @Test
  void onATcpFrameTheRtuActionsLeaveBytesAlone() {
    // A TCP frame has no CRC: corruption is a no-op even when a serial-framed session hands one in.
    byte[] tcp = TestFormats.TCP_READ;
    TransmissionPlan tp =
        plan(Transport.RTU_OVER_TCP, ActionSpec.CorruptCrc.of(CrcCorruption.ZERO))
            .transmit(tcp, tcp.length, TestFormats.MBAP);
    assertThat(tp.bytes()).isEqualTo(tcp);
  }
}
