package dev.modbustoolkit.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The MBAP layout the transports hand to the fault pipeline. */
class MbapFrameFormatTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void offsetsAreTheMbapOnes() {
    FrameFormat f = FrameFormats.mbap();
    assertThat(f.headerLength()).isEqualTo(7);
    assertThat(f.checksumLength()).isZero();
    assertThat(f.transactionIdOffset()).isZero();
    assertThat(f.lengthFieldOffset()).isEqualTo(4);
    assertThat(f.unitIdOffset()).isEqualTo(6);
  }

  @Test
  void resealRewritesTheLengthFieldFromTheFrameLength() {
    byte[] frame = HEX.parseHex("0001000000ff0103020005" + "aabb");
    FrameFormats.mbap().reseal(frame, 11);
    assertThat(HEX.formatHex(frame)).isEqualTo("000100000005" + "0103020005" + "aabb");
    FrameFormats.mbap().reseal(frame, 13);
    assertThat(HEX.formatHex(frame, 0, 6)).isEqualTo("000100000007");
  }

  @Test
  void resealLeavesFramesTooShortForALengthFieldAlone() {
    byte[] frame = HEX.parseHex("0001000000");
    FrameFormats.mbap().reseal(frame, 5);
    assertThat(HEX.formatHex(frame)).isEqualTo("0001000000");
  }

  @Test
  void aWrongUnitIdIsResealedButAWrongMbapLengthSticks() {
    FaultPipeline p = FaultPipeline.create(1);
    p.add(FaultSpec.of("unit", new ActionSpec.WrongUnitId(new FieldOverride.Fixed(9))));
    p.add(FaultSpec.of("len", new ActionSpec.WrongMbapLength(new FieldOverride.Fixed(0x42))));
    FaultPlan plan = p.openSession(new dev.modbustoolkit.fault.ConnectionInfo(1, Transport.TCP, null))
        .plan(RequestInfo.of(1, 3, 0, 1));
    byte[] frame = HEX.parseHex("00070000000501030200" + "05");
    byte[] sent = plan.transmit(frame, frame.length, FrameFormats.mbap()).bytes();
    assertThat(HEX.formatHex(sent)).isEqualTo("000700000042" + "09" + "03020005");
  }
}
