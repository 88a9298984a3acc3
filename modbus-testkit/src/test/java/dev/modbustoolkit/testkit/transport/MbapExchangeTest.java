package dev.modbustoolkit.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Frames;
import dev.modbustoolkit.testkit.Hex;
import dev.modbustoolkit.testkit.InMemoryLink;
import dev.modbustoolkit.transport.FrameCodecs;
import org.junit.jupiter.api.Test;

/** MBAP through an in-memory link: unknown units, foreign protocol ids, lost frame boundaries. */
class MbapExchangeTest {
  private final Devices devices = Devices.create();

  @Test
  void anUnknownUnitGetsTheDispatchersDefaultException() throws Exception {
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), FrameCodecs.mbap())) {
      link.feed(Frames.mbap(0x0102, 7, "03 00 00 00 01"));
      // GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND (0x0B), same transaction and unit.
      assertThat(link.answersHex()).containsExactly(Hex.format(Frames.mbap(0x0102, 7, "83 0B")));
      assertThat(link.counters().otherUnitRequests()).isZero();
    }
  }

  @Test
  void transactionIdsAreEchoed() throws Exception {
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), FrameCodecs.mbap())) {
      link.feed(Frames.concat(Frames.mbap(0xFFFF, 1, "03 00 00 00 01"), Frames.mbap(0, 1, "03 00 00 00 01")));
      assertThat(link.answersHex()).containsExactly(
          Hex.format(Frames.mbap(0xFFFF, 1, "03 02 01 00")), Hex.format(Frames.mbap(0, 1, "03 02 01 00")));
    }
  }

  @Test
  void aFrameOfAnotherProtocolIsSkippedWhole() throws Exception {
    byte[] foreign = Frames.mbap(5, 1, "03 00 00 00 01");
    foreign[3] = 1; // protocol id 1
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), FrameCodecs.mbap())) {
      link.feed(Frames.concat(foreign, Frames.mbap(6, 1, "03 00 00 00 01")));
      assertThat(link.answersHex()).containsExactly(Hex.format(Frames.mbap(6, 1, "03 02 01 00")));
      assertThat(link.droppedFrames()).isEqualTo(1);
    }
  }

  @Test
  void aLengthOutOfRangeEndsTheReading() throws Exception {
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), FrameCodecs.mbap())) {
      link.feed(Frames.concat(
          Frames.mbap(1, 1, "03 00 00 00 01"),
          Hex.parse("00 02 00 00 01 00 01"), // length 256
          Frames.mbap(3, 1, "03 00 00 00 01")));
      assertThat(link.answersHex()).containsExactly(Hex.format(Frames.mbap(1, 1, "03 02 01 00")));
      assertThat(link.framingFailure()).isNotNull();
      assertThat(link.isReading()).isFalse();
      link.feed(Frames.mbap(4, 1, "03 00 00 00 01"));
      assertThat(link.ignoredBytes()).isEqualTo(12);
    }
  }
}
