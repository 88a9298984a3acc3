package dev.modbustoolkit.mbap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MbapHeaderTest {
  @Test
  void constantsMatchTheImplementationGuide() {
    assertThat(MbapHeader.HEADER_LENGTH).isEqualTo(7);
    assertThat(MbapHeader.MODBUS_PROTOCOL_ID).isZero();
    assertThat(MbapHeader.MIN_LENGTH).isEqualTo(2);
    assertThat(MbapHeader.MAX_LENGTH).isEqualTo(254);
    assertThat(MbapHeader.MAX_FRAME_LENGTH).isEqualTo(260);
  }

  @Test
  void lengthsDerivedFromTheLengthField() {
    MbapHeader header = new MbapHeader(1, 0, 6, 1);

    assertThat(header.pduLength()).isEqualTo(5);
    assertThat(header.frameLength()).isEqualTo(12);
    assertThat(header.isModbus()).isTrue();
    assertThat(new MbapHeader(1, 1, 6, 1).isModbus()).isFalse();
  }

  @Test
  void ofBuildsAModbusHeaderFromThePduLength() {
    assertThat(MbapHeader.of(0xFFFF, 0xFF, 253)).isEqualTo(new MbapHeader(0xFFFF, 0, 254, 0xFF));
    assertThat(MbapHeader.of(0, 0, 1)).isEqualTo(new MbapHeader(0, 0, 2, 0));
    assertThatThrownBy(() -> MbapHeader.of(0, 0, 0)).hasMessageContaining("pduLength 0 out of range 1..253");
    assertThatThrownBy(() -> MbapHeader.of(0, 0, 254)).hasMessageContaining("pduLength 254");
  }

  @ParameterizedTest
  @CsvSource({
    "-1, 0, 2, 0, transactionId -1",
    "65536, 0, 2, 0, transactionId 65536",
    "0, -1, 2, 0, protocolId -1",
    "0, 65536, 2, 0, protocolId 65536",
    "0, 0, 1, 0, length 1 out of range 2..254",
    "0, 0, 255, 0, length 255",
    "0, 0, 2, -1, unitId -1",
    "0, 0, 2, 256, unitId 256",
  })
  void rejectsFieldsOutOfRange(int transactionId, int protocolId, int length, int unitId, String message) {
    assertThatThrownBy(() -> new MbapHeader(transactionId, protocolId, length, unitId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void frameRequiresThePduToMatchTheHeader() {
    assertThatThrownBy(() -> new MbapFrame(MbapHeader.of(1, 1, 5), ByteBuffer.allocate(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 bytes but the header announces 5");
  }

  @Test
  void frameKeepsAPrivateViewOfTheCallersBuffer() {
    ByteBuffer pdu = ByteBuffer.wrap(new byte[] {9, 3, 0, 0x6B, 0, 3}).position(1);

    MbapFrame frame = MbapFrame.of(1, 1, pdu);
    pdu.position(4);

    assertThat(pdu.position()).isEqualTo(4);
    assertThat(frame.pdu().position()).isZero();
    assertThat(frame.pdu().remaining()).isEqualTo(5);
    assertThat(frame.pdu().isReadOnly()).isTrue();
    assertThat(frame.functionCode()).isEqualTo(3);
    assertThat(frame).isEqualTo(MbapFrame.of(1, 1, ByteBuffer.wrap(new byte[] {3, 0, 0x6B, 0, 3})));
    assertThat(frame).hasSameHashCodeAs(MbapFrame.of(1, 1, ByteBuffer.wrap(new byte[] {3, 0, 0x6B, 0, 3})));
  }
}
