package dev.modbustoolkit.serial;

import static dev.modbustoolkit.serial.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The codec's length rules through the framing seam: request and response lengths from a prefix. */
class PduLengthsTest {
  static final PduLengths LENGTHS = PduLengths.codec();

  @ParameterizedTest(name = "request {0} -> {1}")
  @CsvSource({
    // FC 03: function code, address, quantity: fixed, told by the function code alone
    "03, 5",
    "03 00 6B 00 03, 5",
    // FC 10: the byte count at offset 5 tells the rest
    "10 00 01 00 02, -1",
    "10 00 01 00 02 04, 10",
    // FC 06 needs only the function code
    "06, 5",
    // user-defined code 0x41: no rule
    "41 DE AD, -2",
    // empty prefix
    "'', -1",
  })
  void requestLengths(String prefix, int length) {
    assertThat(LENGTHS.requestLength(ByteBuffer.wrap(hex(prefix)))).isEqualTo(length);
  }

  @ParameterizedTest(name = "response {0} -> {1}")
  @CsvSource({
    // FC 03 response: byte count at offset 1
    "03, -1",
    "03 06, 8",
    // exception responses are 2 bytes
    "83, 2",
    "90 02, 2",
    "41, -2",
  })
  void responseLengths(String prefix, int length) {
    assertThat(LENGTHS.responseLength(ByteBuffer.wrap(hex(prefix)))).isEqualTo(length);
  }

  @Test
  void readsFromThePositionWithoutMovingIt() {
    ByteBuffer buffer = ByteBuffer.wrap(hex("01 03 00 00 00 0A"));
    buffer.position(1);
    assertThat(LENGTHS.requestLength(buffer)).isEqualTo(5);
    assertThat(buffer.position()).isEqualTo(1);
    assertThat(PduLengths.NEED_MORE).isNegative().isNotEqualTo(PduLengths.UNKNOWN_LENGTH);
  }
}
