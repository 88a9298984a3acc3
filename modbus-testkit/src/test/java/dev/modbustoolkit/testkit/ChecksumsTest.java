package dev.modbustoolkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The oracle against the spec's examples. */
class ChecksumsTest {
  @Test
  void crcOfTheSpecExample() {
    // Modbus over Serial Line V1.02, 6.2.2: 01 03 00 00 00 0A is sent as ... C5 CD (low byte first).
    int crc = Checksums.crc16(Hex.parse("01 03 00 00 00 0A"));
    assertThat(crc).isEqualTo(0xCDC5);
    assertThat(Hex.format(Frames.rtu(1, "03 00 00 00 0A"))).isEqualTo("01 03 00 00 00 0A C5 CD");
  }

  @Test
  void crcOfNothingIsTheInitialValue() {
    assertThat(Checksums.crc16(new byte[0])).isEqualTo(0xFFFF);
  }

  @Test
  void lrcIsTheTwosComplementOfTheSum() {
    // 01 + 03 + 0A = 0E, so the LRC is F2.
    assertThat(Checksums.lrc(Hex.parse("01 03 00 00 00 0A"))).isEqualTo(0xF2);
    assertThat(Checksums.lrc(Hex.parse("FF 01"))).isEqualTo(0x00);
    assertThat(Checksums.lrc(new byte[0])).isEqualTo(0x00);
  }
}
