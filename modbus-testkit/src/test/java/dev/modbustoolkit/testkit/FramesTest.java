package dev.modbustoolkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hand-built frames against the specs' own examples. */
class FramesTest {
  @Test
  void hexParsesSpacedAndFormatsSpaced() {
    assertThat(Hex.parse("01 03\t00 6b ")).containsExactly(1, 3, 0, 0x6B);
    assertThat(Hex.format(new byte[] {1, (byte) 0xAB})).isEqualTo("01 AB");
    assertThat(Hex.format(new byte[0])).isEmpty();
    assertThat(Hex.format(new byte[] {1, 2, 3}, 1, 2)).isEqualTo("02 03");
    assertThatThrownBy(() -> Hex.parse("0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.parse("zz")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mbapHeaderCountsUnitAndPdu() {
    // Implementation Guide 3.1.3 layout: transaction 0x0001, protocol 0, length 6, unit 0x11, FC03 PDU.
    assertThat(Hex.format(Frames.mbap(1, 0x11, "03 00 6B 00 03")))
        .isEqualTo("00 01 00 00 00 06 11 03 00 6B 00 03");
    assertThat(Hex.format(Frames.mbap(0xABCD, 0xFF, "07"))).isEqualTo("AB CD 00 00 00 02 FF 07");
  }

  @Test
  void asciiOfTheSpecExample() {
    // Modbus over Serial Line V1.02, 2.5.2.1: ':' address function data LRC CR LF, digits upper case.
    assertThat(new String(Frames.ascii(1, "03 00 00 00 0A"), StandardCharsets.US_ASCII))
        .isEqualTo(":01030000000AF2\r\n");
  }

  @Test
  void concatJoinsInOrder() {
    assertThat(Frames.concat(Hex.parse("01"), new byte[0], Hex.parse("02 03"))).containsExactly(1, 2, 3);
  }
}
