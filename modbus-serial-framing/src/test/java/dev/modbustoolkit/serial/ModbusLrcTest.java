package dev.modbustoolkit.serial;

import static dev.modbustoolkit.serial.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModbusLrcTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // Modbus over Serial Line V1.02 / application protocol example: unit 0x11, read 3 registers at 0x6B
    "11 03 00 6B 00 03, 7E",
    "01 03 00 00 00 0A, F2",
    // sum 0x100 wraps to 0: the LRC is 0
    "80 80, 00",
    "01, FF",
  })
  void vectors(String body, String lrc) {
    assertThat(ModbusLrc.compute(hex(body))).isEqualTo(Integer.parseInt(lrc, 16));
  }

  @Test
  void asciiFrameTextOfTheSpecExample() {
    assertThat(new String(Bytes.ascii("11 03 00 6B 00 03"), StandardCharsets.US_ASCII))
        .isEqualTo(":1103006B00037E\r\n");
  }

  @Test
  void matchesChecksTheLastByte() {
    assertThat(ModbusLrc.matches(hex("11 03 00 6B 00 03 7E"), 0, 7)).isTrue();
    assertThat(ModbusLrc.matches(hex("11 03 00 6B 00 03 7F"), 0, 7)).isFalse();
    assertThat(ModbusLrc.matches(hex("7E"), 0, 1)).isFalse();
  }
}
