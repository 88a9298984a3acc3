package dev.modbustoolkit.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The encoders and the ASCII decoder at the edges of their inputs: a buffer of exactly the frame's size, a frame
 * written at an offset, the shortest frame a reseal touches. Expected bytes are the Serial Line spec's example
 * (01 03 0000 000A: CRC C5 CD, LRC F2) or a hand-made LRC.
 */
class EncoderLimitsTest {
  private static final byte[] READ = {0x03, 0x00, 0x00, 0x00, 0x0A};

  @Test
  void rtuEncodeFitsABufferOfExactlyTheFramesSizeAndNotOneByteLess() {
    ByteBuffer exact = ByteBuffer.allocate(8);
    assertThat(RtuFrameEncoder.encode(1, ByteBuffer.wrap(READ), exact)).isEqualTo(8);
    assertThat(exact.array()).containsExactly(0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD);
    assertThatThrownBy(() -> RtuFrameEncoder.encode(1, ByteBuffer.wrap(READ), ByteBuffer.allocate(7)))
        .isInstanceOf(BufferOverflowException.class);
  }

  @Test
  void rtuResealRewritesTheCrcOfTheShortestFrameAndLeavesShorterOnesAlone() {
    byte[] three = {0x01, 0x00, 0x00};
    RtuFrameEncoder.reseal(three, 3);
    assertThat(three).containsExactly(0x01, 0x7E, 0x80);
    byte[] two = {0x01, 0x00};
    RtuFrameEncoder.reseal(two, 2);
    assertThat(two).containsExactly(0x01, 0x00);
  }

  @Test
  void asciiEncodeAtAnOffsetReturnsTheFramesLengthNotItsEnd() {
    byte[] out = new byte[40];
    Arrays.fill(out, (byte) '#');
    int length = AsciiFrameEncoder.encode(1, READ, 0, READ.length, out, 5);
    assertThat(length).isEqualTo(17);
    assertThat(new String(out, 5, length, StandardCharsets.US_ASCII)).isEqualTo(":01030000000AF2\r\n");
    assertThat(out[4]).isEqualTo((byte) '#');
    assertThat(out[22]).isEqualTo((byte) '#');
  }

  @Test
  void asciiResealRewritesTheLrcFromSevenCharactersOnAndLeavesShorterFramesAlone() {
    // ":01" + LRC "FF" + CR LF: the unit alone sums to 01, LRC FF.
    byte[] seven = ":0100\r\n".getBytes(StandardCharsets.US_ASCII);
    AsciiFrameEncoder.reseal(seven, 7);
    assertThat(new String(seven, StandardCharsets.US_ASCII)).isEqualTo(":01FF\r\n");
    byte[] six = ":0100\r".getBytes(StandardCharsets.US_ASCII);
    AsciiFrameEncoder.reseal(six, 6);
    assertThat(new String(six, StandardCharsets.US_ASCII)).isEqualTo(":0100\r");
    // Two pairs (01 03) before the LRC: the sum counts both, 0x04, LRC FC.
    byte[] nine = ":010300\r\n".getBytes(StandardCharsets.US_ASCII);
    AsciiFrameEncoder.reseal(nine, 9);
    assertThat(new String(nine, StandardCharsets.US_ASCII)).isEqualTo(":0103FC\r\n");
  }

  @Test
  void theAsciiDecoderNeedsPositiveTimeouts() {
    assertThat(new AsciiFrameDecoder(u -> true, () -> '\n', 1, 1)).isNotNull();
    assertThatThrownBy(() -> new AsciiFrameDecoder(u -> true, () -> '\n', 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeouts must be positive");
    assertThatThrownBy(() -> new AsciiFrameDecoder(u -> true, () -> '\n', 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeouts must be positive");
  }
}
