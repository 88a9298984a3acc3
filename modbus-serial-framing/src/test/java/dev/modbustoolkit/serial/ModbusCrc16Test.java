package dev.modbustoolkit.serial;

import static dev.modbustoolkit.serial.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModbusCrc16Test {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // the brief's vector: read 10 holding registers of unit 1
    "01 03 00 00 00 0A, C5 CD",
    // Modbus over Serial Line V1.02, CRC example (unit 2, FC 07): CRC 0x1241, low byte first
    "02 07, 41 12",
    // read 3 holding registers at 0x6B of unit 0x11 (Modbus application protocol example)
    "11 03 00 6B 00 03, 76 87",
    // a response: unit 1, FC 04, 2 bytes FF FF
    "01 04 02 FF FF, B8 80",
  })
  void crcOnTheWireIsLowByteFirst(String body, String wire) {
    byte[] frame = Bytes.rtu(body);
    assertThat(Bytes.hex(frame)).isEqualTo(body + " " + wire);
    assertThat(ModbusCrc16.matches(frame, 0, frame.length)).isTrue();
  }

  @Test
  void computeReturnsTheRegisterValue() {
    assertThat(ModbusCrc16.compute(hex("01 03 00 00 00 0A"))).isEqualTo(0xCDC5);
    assertThat(ModbusCrc16.compute(new byte[0])).isEqualTo(ModbusCrc16.INITIAL);
  }

  @Test
  void rejectsAWrongCrcAndShortFrames() {
    assertThat(ModbusCrc16.matches(hex("01 03 00 00 00 0A C5 CC"), 0, 8)).isFalse();
    assertThat(ModbusCrc16.matches(hex("01 03 00 00 00 0A CD C5"), 0, 8)).isFalse();
    assertThat(ModbusCrc16.matches(hex("FF FF"), 0, 2)).isFalse();
  }

  @Test
  void worksOnASliceOfALargerArray() {
    byte[] buffer = Bytes.concat(hex("AA BB"), Bytes.rtu("01 03 00 00 00 0A"), hex("CC"));
    assertThat(ModbusCrc16.matches(buffer, 2, 8)).isTrue();
    assertThat(ModbusCrc16.compute(buffer, 2, 6)).isEqualTo(0xCDC5);
  }

  @Test
  void checksBounds() {
    assertThatThrownBy(() -> ModbusCrc16.compute(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> ModbusCrc16.append(new byte[4], 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
