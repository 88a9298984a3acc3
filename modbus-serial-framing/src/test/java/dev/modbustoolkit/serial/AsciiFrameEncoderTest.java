package dev.modbustoolkit.serial;

import static dev.modbustoolkit.serial.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsciiFrameEncoderTest {

  static String text(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.US_ASCII);
  }

  @Test
  void theSpecExampleFrame() {
    // Modbus over Serial Line V1.02, 2.5.2.2 / 6.2.1: unit 0x11 reads 3 registers at 0x6B; LRC 0x7E
    byte[] pdu = hex("03 00 6B 00 03");
    byte[] out = new byte[AsciiFrameEncoder.frameLength(pdu.length)];
    int length = AsciiFrameEncoder.encode(0x11, pdu, 0, pdu.length, out, 0);
    assertThat(length).isEqualTo(17).isEqualTo(out.length);
    assertThat(text(out, length)).isEqualTo(":1103006B00037E\r\n");
  }

  @Test
  void theDelimiterIsConfigurableAsDiagnostics0803Allows() {
    byte[] out = new byte[AsciiFrameEncoder.MAX_FRAME_LENGTH];
    int length = AsciiFrameEncoder.encode(0x11, hex("03 00 6B 00 03"), 0, 5, out, 0, '!');
    assertThat(text(out, length)).isEqualTo(":1103006B00037E\r!");
  }

  @Test
  void checksRoom() {
    assertThatThrownBy(() -> AsciiFrameEncoder.encode(1, new byte[3], 0, 3, new byte[12], 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void resealRecomputesTheLrcDigits() {
    byte[] frame = ":1103006B00037E\r\n".getBytes(StandardCharsets.US_ASCII);
    frame[2] = '2';
    AsciiFrameEncoder.reseal(frame, frame.length);
    // 0x12 instead of 0x11: the LRC drops by one
    assertThat(text(frame, frame.length)).isEqualTo(":1203006B00037D\r\n");
  }

  @Test
  void aDecodedFrameEncodesBackToTheSameText() {
    byte[] text = ":1103006B00037E\r\n".getBytes(StandardCharsets.US_ASCII);
    DecoderDriver driver =
        new DecoderDriver(new AsciiFrameDecoder(u -> false, () -> '\n', 1_000_000_000L, 1_000_000_000L)::decode);
    driver.receive(text, 1L);
    DecoderDriver.Frame frame = driver.frames().getFirst();
    byte[] out = new byte[AsciiFrameEncoder.MAX_FRAME_LENGTH];
    int length = AsciiFrameEncoder.encode(frame.unitId(), frame.pdu(), 0, frame.pduLength(), out, 0);
    assertThat(text(out, length)).isEqualTo(":1103006B00037E\r\n");
  }
}
