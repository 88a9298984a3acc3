package dev.modbustoolkit.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.testkit.Feeding;
import dev.modbustoolkit.testkit.Frames;
import dev.modbustoolkit.testkit.Hex;
import dev.modbustoolkit.testkit.InMemoryLink;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FrameCodecs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stream codecs at the ends of their ranges (PIT found them unpinned): the shortest and longest frames, the
 * request-header limits of Modbus Application Protocol V1.1b3 that decide whether a frame still arriving is waited
 * for, the resynchronisation after a whole frame's worth of garbage, the ASCII frame's digits and delimiters, and
 * sealing into a buffer that is a slice of a bigger array. Frames come from the test kit's oracle.
 */
class CodecLimitsTest {
  private static final byte[] READ = Frames.rtu(1, "03 00 02 00 01");

  private static int scan(FrameCodec codec, byte[] bytes) {
    return codec.scan(ByteBuffer.wrap(bytes));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] repeat(String hex, int times) {
    byte[] one = Hex.parse(hex);
    byte[] all = new byte[one.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(one, 0, all, i * one.length, one.length);
    }
    return all;
  }

  // ---- RTU over a stream

  @ParameterizedTest(name = "{0}: plausible {1}")
  @CsvSource({
      "F7 10 00 00 00 0A 14, true", // unit 247, the highest a master addresses
      "F8 10 00 00 00 0A 14, false", // unit 248: reserved
      "01 10 00 00 00 7B F6, true", // 123 registers, the FC10 maximum
      "01 10 00 00 00 00 00, false", // quantity 0
      "01 10 00 00 01 0A 14, false", // quantity 0x010A: the high byte counts
      "01 0F 00 00 07 B0 F6, true", // 1968 coils in 246 bytes, the FC0F maximum
      "01 0F 00 00 07 B1 F7, false", // 1969 coils
      "01 0F 00 00 00 51 0B, true", // 81 coils in 11 bytes (rounded up)
      "01 14 07, true", // Read File Record byte count 0x07..0xF5
      "01 14 06, false",
      "01 14 F5, true",
      "01 15 09, true", // Write File Record request data length 0x09..0xFB
      "01 15 08, false",
      "01 15 FB, true",
      "01 17 00 00 00 7D 00 00 00 79 F2, true", // read 125, write 121 registers: both maxima
      "01 17 00 00 00 7E 00 00 00 10 20, false", // read 126
      "01 17 00 00 00 00 00 00 00 10 20, false", // read 0
      "01 17 00 00 00 01 00 00 00 10 21, false", // byte count is not 2 x write quantity
  })
  void aRequestStillArrivingIsWaitedForOnlyWhenItsHeaderKeepsTheSpecsLimits(String head, boolean plausible) {
    byte[] bytes = Hex.parse(head);
    int verdict = scan(FrameCodecs.rtu(), Frames.concat(bytes, READ));
    assertThat(verdict).isEqualTo(plausible ? FrameCodec.NEED_MORE : -bytes.length);
  }

  @Test
  void theShortestRtuFrameIsFourBytes() {
    byte[] exceptionStatus = Frames.rtu(1, "07");
    assertThat(exceptionStatus).hasSize(4);
    assertThat(scan(FrameCodecs.rtu(), exceptionStatus)).isEqualTo(4);
    assertThat(scan(FrameCodecs.rtu(), Arrays.copyOf(exceptionStatus, 3))).isEqualTo(FrameCodec.NEED_MORE);
  }

  @Test
  void aRequestOf256BytesIsServedAndTheLongestAnswerWholeIsSkipped() throws Exception {
    // Write File Record with the largest request data length (0xFB): the 256-byte frame of Serial Line 2.5.1.1.
    byte[] pdu = new byte[253];
    pdu[0] = 0x15;
    pdu[1] = (byte) 0xFB;
    for (int i = 2; i < pdu.length; i += 9) {
      pdu[i] = 6; // a reference type every 9 bytes; whatever the device makes of the rest, it answers once
    }
    byte[] frame = Frames.rtu(1, pdu);
    assertThat(frame).hasSize(256);
    assertThat(scan(FrameCodecs.rtu(), frame)).isEqualTo(256);
    try (InMemoryLink link = InMemoryLink.of(Devices.create().dispatcher(), FrameCodecs.rtu())) {
      link.feed(frame, Feeding.ONE_BYTE_AT_A_TIME);
      assertThat(link.answers()).hasSize(1);
      assertThat(link.droppedFrames()).isZero();
    }
    // Another device's answer that ends exactly where the bytes end is skipped whole too.
    byte[] answer = Frames.rtu(2, "03 02 12 34");
    assertThat(scan(FrameCodecs.rtu(), answer)).isEqualTo(-answer.length);
  }

  @Test
  void garbageWaitsForAWholeFramesWorthOfBytesThenOneByteIsSkipped() {
    // Unit 248 (no plausible request) with FC03: eight bytes with a wrong CRC, and no frame anywhere after them.
    byte[] garbage = repeat("F8 03", 128);
    assertThat(scan(FrameCodecs.rtu(), Arrays.copyOf(garbage, 255))).isEqualTo(FrameCodec.NEED_MORE);
    assertThat(scan(FrameCodecs.rtu(), garbage)).isEqualTo(-1);
  }

  @Test
  void aRequestOfUnknownLengthWithoutACrcMatchWaitsUntil256Bytes() {
    // FC 0x41 (user-defined) tells no length: the frame ends at the first CRC match, and here there is none.
    byte[] bytes = Frames.concat(Hex.parse("01 41"), repeat("F8 03", 127));
    assertThat(bytes).hasSize(256);
    assertThat(scan(FrameCodecs.rtu(), Arrays.copyOf(bytes, 255))).isEqualTo(FrameCodec.NEED_MORE);
    assertThat(scan(FrameCodecs.rtu(), bytes)).isEqualTo(-1);
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aPduIsViewedInWhicheverBufferItIsScannedFrom(Wire wire) {
    // A transport that grows its input buffer hands the codec a new array: the view must follow it.
    FrameCodec codec = wire.codec();
    byte[] first = wire.frame(1, 1, "03 00 02 00 01");
    byte[] second = Frames.concat(new byte[3], wire.frame(2, 2, "06 00 03 AB CD"));
    ByteBuffer a = ByteBuffer.wrap(first);
    assertThat(codec.scan(a)).isEqualTo(first.length);
    assertThat(Hex.format(bytes(codec.pdu(a, 0, first.length)))).isEqualTo("03 00 02 00 01");
    ByteBuffer b = ByteBuffer.wrap(second).position(3);
    assertThat(codec.scan(b)).isEqualTo(second.length - 3);
    assertThat(codec.unitId(b, 3)).isEqualTo(2);
    assertThat(Hex.format(bytes(codec.pdu(b, 3, second.length - 3)))).isEqualTo("06 00 03 AB CD");
  }

  private static byte[] bytes(ByteBuffer pdu) {
    byte[] copy = new byte[pdu.remaining()];
    pdu.get(pdu.position(), copy);
    return copy;
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void anAnswerIsSealedIntoASliceOfABiggerArray(Wire wire) {
    FrameCodec codec = wire.codec();
    byte[] backing = new byte[codec.maxFrameLength() + 16];
    ByteBuffer out = ByteBuffer.wrap(backing, 7, codec.maxFrameLength() + 2).slice();
    assertThat(out.arrayOffset()).isEqualTo(7);
    out.position(2 + codec.headerLength()).put(Hex.parse("03 02 12 34"));
    int n = codec.seal(out, 2, 9, 1, 4);
    byte[] expected = wire.frame(9, 1, "03 02 12 34");
    assertThat(n).isEqualTo(expected.length);
    assertThat(out.position()).isEqualTo(2 + n);
    assertThat(Arrays.copyOfRange(backing, 9, 9 + n)).isEqualTo(expected);
  }

  // ---- ASCII over a stream

  @Test
  void theShortestAsciiFrameIsNineCharacters() {
    // ':', unit 01, FC 07, LRC F8, CR LF.
    byte[] frame = Frames.ascii(1, "07");
    assertThat(new String(frame, StandardCharsets.US_ASCII)).isEqualTo(":0107F8\r\n");
    assertThat(scan(FrameCodecs.ascii(), frame)).isEqualTo(9);
    // Shorter frames whose digits sum to 0 are no frames: no function code.
    assertThat(scan(FrameCodecs.ascii(), ascii(":00\r\n"))).isEqualTo(-5);
    assertThat(scan(FrameCodecs.ascii(), ascii(":0000\r\n"))).isEqualTo(-7);
  }

  @Test
  void bytesBeforeAColonAreSkippedUpToIt() {
    byte[] frame = Frames.ascii(1, "03 00 02 00 01");
    assertThat(scan(FrameCodecs.ascii(), Frames.concat(ascii("xyz"), frame))).isEqualTo(-3);
    assertThat(scan(FrameCodecs.ascii(), ascii("xyz"))).isEqualTo(-3);
    assertThat(scan(FrameCodecs.ascii(), new byte[0])).isEqualTo(FrameCodec.NEED_MORE);
  }

  @Test
  void aFrameCutShortByTheNextColonIsSkippedUpToIt() {
    byte[] frame = Frames.ascii(1, "03 00 02 00 01");
    assertThat(scan(FrameCodecs.ascii(), Frames.concat(ascii(":0103"), frame))).isEqualTo(-5);
  }

  @Test
  void aFrameWithoutLineFeedIsDroppedAtTheLongestFrame() {
    byte[] colonAndDigits = ascii(":" + "0".repeat(600));
    assertThat(scan(FrameCodecs.ascii(), Arrays.copyOf(colonAndDigits, 512))).isEqualTo(FrameCodec.NEED_MORE);
    assertThat(scan(FrameCodecs.ascii(), colonAndDigits)).isEqualTo(-513);
  }

  @Test
  void aFrameOfTheLongestPduIsTaken() {
    byte[] pdu = new byte[253];
    pdu[0] = 0x15;
    pdu[1] = (byte) 0xFB;
    byte[] frame = Frames.ascii(1, pdu);
    assertThat(frame).hasSize(513);
    assertThat(scan(FrameCodecs.ascii(), frame)).isEqualTo(513);
  }

  @ParameterizedTest
  @CsvSource({
      "':010G00', a bad low digit that would read as FF",
      "':01G00F', a bad high digit that would read as F0",
      "':0107F9', a wrong LRC",
      "':0107F', an odd digit count",
  })
  void aFrameWithBadDigitsOrAWrongLrcIsDropped(String frame, String what) {
    byte[] bytes = ascii(frame + "\r\n");
    assertThat(scan(FrameCodecs.ascii(), bytes)).as(what).isEqualTo(-bytes.length);
  }

  @Test
  void aFrameWithoutCarriageReturnIsDropped() {
    byte[] bytes = ascii(":0107F8\n\n");
    assertThat(scan(FrameCodecs.ascii(), bytes)).isEqualTo(-8);
  }

  @Test
  void lowerCaseDigitsAreAccepted() {
    byte[] bytes = ascii(":0103000200" + "01f9\r\n");
    assertThat(Hex.format(Frames.ascii(1, "03 00 02 00 01"))).isEqualTo(Hex.format(ascii(":010300020001F9\r\n")));
    assertThat(scan(FrameCodecs.ascii(), bytes)).isEqualTo(bytes.length);
  }

  @Test
  void theUnitAndPduOfAnAsciiFrameNotScannedLastAreDecodedAgain() {
    FrameCodec codec = FrameCodecs.ascii();
    byte[] first = Frames.ascii(1, "03 00 02 00 01");
    byte[] second = Frames.ascii(2, "06 00 03 AB CD");
    ByteBuffer stream = ByteBuffer.wrap(Frames.concat(first, second));
    assertThat(codec.scan(stream)).isEqualTo(first.length);
    stream.position(first.length);
    assertThat(codec.scan(stream)).isEqualTo(second.length);
    // The first frame again, though the second was decoded last.
    assertThat(codec.unitId(stream, 0)).isEqualTo(1);
    assertThat(Hex.format(bytes(codec.pdu(stream, 0, first.length)))).isEqualTo("03 00 02 00 01");
    assertThat(codec.unitId(stream, first.length)).isEqualTo(2);
    assertThatThrownBy(() -> codec.unitId(ByteBuffer.wrap(ascii(":0107F9\r\n")), 0))
        .isInstanceOf(IllegalStateException.class).hasMessage("no valid ASCII frame at 0");
    assertThatThrownBy(() -> codec.unitId(ByteBuffer.wrap(ascii(":0107F8")), 0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSerialLinesCodecRefusesANegativeCharacterTime() {
    assertThat(FrameCodecs.rtu(0)).hasToString("RTU");
    assertThat(FrameCodecs.ascii(572_917)).hasToString("ASCII");
    assertThatThrownBy(() -> FrameCodecs.rtu(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("characterNanos -1 is negative");
    assertThatThrownBy(() -> FrameCodecs.ascii(-5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("characterNanos -5 is negative");
  }
}
