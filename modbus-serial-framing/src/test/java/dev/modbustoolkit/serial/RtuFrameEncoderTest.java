package dev.modbustoolkit.serial;

import static dev.modbustoolkit.serial.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RtuFrameEncoderTest {

  @Test
  void theSpecExampleFrame() {
    // Modbus application protocol: read 10 holding registers of unit 1; CRC 0xCDC5 goes low byte first
    byte[] pdu = hex("03 00 00 00 0A");
    byte[] out = new byte[RtuFrameEncoder.frameLength(pdu.length)];
    assertThat(RtuFrameEncoder.encode(1, pdu, 0, pdu.length, out, 0)).isEqualTo(8);
    assertThat(Bytes.hex(out)).isEqualTo("01 03 00 00 00 0A C5 CD");
  }

  @Test
  void encodesIntoAByteBufferAtItsPosition() {
    ByteBuffer out = ByteBuffer.allocateDirect(16);
    out.put((byte) 0x55);
    ByteBuffer pdu = ByteBuffer.wrap(hex("07"));
    assertThat(RtuFrameEncoder.encode(2, pdu, out)).isEqualTo(4);
    assertThat(out.position()).isEqualTo(5);
    assertThat(pdu.position()).isZero();
    byte[] bytes = new byte[5];
    out.get(0, bytes);
    // Modbus over Serial Line V1.02 CRC example: unit 2, FC 07, CRC 0x1241
    assertThat(Bytes.hex(bytes)).isEqualTo("55 02 07 41 12");
  }

  @Test
  void encodesAtAnOffsetAndChecksRoom() {
    byte[] out = new byte[12];
    RtuFrameEncoder.encode(0x11, hex("AA 03 00 6B 00 03"), 1, 5, out, 3);
    assertThat(Bytes.hex(java.util.Arrays.copyOfRange(out, 3, 11))).isEqualTo("11 03 00 6B 00 03 76 87");
    assertThatThrownBy(() -> RtuFrameEncoder.encode(1, new byte[10], 0, 10, new byte[12], 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void resealRewritesTheCrcAfterAnEdit() {
    byte[] frame = Bytes.rtu("01 03 00 00 00 0A");
    frame[0] = 0x02;
    assertThat(ModbusCrc16.matches(frame, 0, frame.length)).isFalse();
    RtuFrameEncoder.reseal(frame, frame.length);
    assertThat(frame).isEqualTo(Bytes.rtu("02 03 00 00 00 0A"));
  }

  @Test
  void layout() {
    assertThat(RtuFrameEncoder.HEADER_LENGTH).isEqualTo(1);
    assertThat(RtuFrameEncoder.CHECKSUM_LENGTH).isEqualTo(2);
    assertThat(RtuFrameEncoder.UNIT_ID_OFFSET).isZero();
  }
}
