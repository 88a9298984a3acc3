package dev.modbustoolkit.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Feeding;
import dev.modbustoolkit.testkit.Frames;
import dev.modbustoolkit.testkit.InMemoryLink;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every framing answers alike, through an in-memory link (no sockets): a read, pipelined frames in one read
 * answered in order, exception responses. Expected bytes come from the testkit's oracle.
 */
class ExchangeTest {
  static Stream<Arguments> wiresAndFeedings() {
    return Stream.of(Wire.values())
        .flatMap(w -> Stream.of(Feeding.WHOLE, Feeding.ONE_BYTE_AT_A_TIME, Feeding.chunks(3, 1, 7))
            .map(f -> Arguments.of(w, f)));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void readHoldingRegisters(Wire wire) throws Exception {
    Devices devices = Devices.create();
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec())) {
      link.feed(wire.frame(7, 1, "03 00 01 00 02"));
      assertThat(link.answersHex()).containsExactly(wire.hex(7, 1, "03 04 01 01 01 02"));
      assertThat(link.counters().requests()).isEqualTo(1);
      assertThat(link.droppedFrames()).isZero();
      assertThat(link.buffered()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("wiresAndFeedings")
  void pipelinedFramesAreAnsweredInOrder(Wire wire, Feeding feeding) throws Exception {
    Devices devices = Devices.create();
    byte[] stream = Frames.concat(
        wire.frame(1, 1, "06 00 03 AB CD"),
        wire.frame(2, 2, "03 00 00 00 01"),
        wire.frame(3, 1, "10 00 04 00 02 04 11 11 22 22"),
        wire.frame(4, 1, "03 00 03 00 03"));
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec())) {
      link.feed(stream, feeding);
      assertThat(link.answersHex()).containsExactly(
          wire.hex(1, 1, "06 00 03 AB CD"),
          wire.hex(2, 2, "03 02 02 00"),
          wire.hex(3, 1, "10 00 04 00 02"),
          wire.hex(4, 1, "03 06 AB CD 11 11 22 22"));
      assertThat(link.counters().requests()).isEqualTo(4);
      assertThat(link.buffered()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aPartialFrameWaitsForTheRest(Wire wire) throws Exception {
    Devices devices = Devices.create();
    byte[] frame = wire.frame(9, 1, "03 00 00 00 01");
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec())) {
      link.feed(java.util.Arrays.copyOf(frame, frame.length - 1));
      assertThat(link.answers()).isEmpty();
      assertThat(link.buffered()).isEqualTo(frame.length - 1);
      link.feed(java.util.Arrays.copyOfRange(frame, frame.length - 1, frame.length));
      assertThat(link.answersHex()).containsExactly(wire.hex(9, 1, "03 02 01 00"));
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void refusedRequestsAreAnsweredWithExceptions(Wire wire) throws Exception {
    Devices devices = Devices.create();
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec())) {
      link.feed(Frames.concat(
          wire.frame(1, 1, "03 00 00 00 00"), // quantity 0: ILLEGAL_DATA_VALUE
          wire.frame(2, 1, "41 00"))); // no such function: ILLEGAL_FUNCTION
      assertThat(link.answersHex()).containsExactly(wire.hex(1, 1, "83 03"), wire.hex(2, 1, "C1 01"));
    }
  }
}
