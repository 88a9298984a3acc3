package dev.modbustoolkit.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Feeding;
import dev.modbustoolkit.testkit.Frames;
import dev.modbustoolkit.testkit.Hex;
import dev.modbustoolkit.testkit.InMemoryLink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RTU and ASCII over a stream are bus framings: other devices' units go unanswered, unit 0 is a broadcast. */
class BusExchangeTest {
  private final Devices devices = Devices.create();

  @ParameterizedTest
  @EnumSource(value = Wire.class, names = {"RTU", "ASCII"})
  void anUnknownUnitIsAnotherDevicesAndGetsNoAnswer(Wire wire) throws Exception {
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec())) {
      link.feed(Frames.concat(wire.frame(0, 7, "03 00 00 00 01"), wire.frame(0, 1, "03 00 00 00 01")));
      assertThat(link.answersHex()).containsExactly(wire.hex(0, 1, "03 02 01 00"));
      assertThat(link.counters().otherUnitRequests()).isEqualTo(1);
      assertThat(link.counters().requests()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Wire.class, names = {"RTU", "ASCII"})
  void aBroadcastIsExecutedByEveryUnitAndNotAnswered(Wire wire) throws Exception {
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec())) {
      link.feed(Frames.concat(wire.frame(0, 0, "06 00 05 12 34"), wire.frame(0, 2, "03 00 05 00 01")));
      assertThat(link.answersHex()).containsExactly(wire.hex(0, 2, "03 02 12 34"));
      assertThat(devices.holding1(5)).isEqualTo(0x1234);
      assertThat(devices.holding2(5)).isEqualTo(0x1234);
      assertThat(link.counters().otherUnitRequests()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Wire.class, names = {"RTU", "ASCII"})
  void aBrokenFrameIsSkippedAndTheNextOneServed(Wire wire) throws Exception {
    byte[] broken = wire.frame(0, 1, "03 00 00 00 01");
    broken[broken.length - 3] ^= 0x01; // a data bit (RTU) or digit (ASCII) flipped: CRC / LRC no longer match
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec())) {
      link.feed(Frames.concat(broken, wire.frame(0, 1, "03 00 01 00 01")), Feeding.ONE_BYTE_AT_A_TIME);
      assertThat(link.answersHex()).containsExactly(wire.hex(0, 1, "03 02 01 01"));
      assertThat(link.droppedFrames()).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Wire.class, names = {"RTU", "ASCII"})
  void lineNoiseBeforeAFrameIsSkipped(Wire wire) throws Exception {
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec())) {
      link.feed(Frames.concat(Hex.parse("00 FF 00"), wire.frame(0, 1, "03 00 02 00 01")));
      assertThat(link.answersHex()).containsExactly(wire.hex(0, 1, "03 02 01 02"));
      assertThat(link.droppedFrames()).isPositive();
    }
  }
}
