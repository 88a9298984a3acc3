package dev.modbustoolkit.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SerialLineSettingsTest {

  @Test
  void defaultsAreTheSpecs() {
    assertThat(SerialLineSettings.RTU_DEFAULT).hasToString("19200 8E1");
    assertThat(SerialLineSettings.ASCII_DEFAULT).hasToString("19200 7E1");
    assertThat(SerialMode.RTU.defaultLineSettings()).isEqualTo(SerialLineSettings.RTU_DEFAULT);
    assertThat(SerialMode.ASCII.defaultLineSettings()).isEqualTo(SerialLineSettings.ASCII_DEFAULT);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "19200, 8E1, 8, EVEN, ONE, 11",
    "115200, 8N1, 8, NONE, ONE, 10",
    "9600, 8n2, 8, NONE, TWO, 11",
    "19200, 7e1, 7, EVEN, ONE, 10",
    "1200, 7O2, 7, ODD, TWO, 11",
  })
  void parsesTheShortNotation(
      int baud, String format, int dataBits, Parity parity, StopBits stopBits, int bitsPerCharacter) {
    SerialLineSettings s = SerialLineSettings.of(baud, format);
    assertThat(s).isEqualTo(new SerialLineSettings(baud, dataBits, parity, stopBits));
    assertThat(s.bitsPerCharacter()).isEqualTo(bitsPerCharacter);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8E", "9E1", "8X1", "8E3", "", "8 E 1"})
  void rejectsMalformedFormats(String format) {
    assertThatThrownBy(() -> SerialLineSettings.of(19200, format))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8E1");
  }

  @Test
  void validatesEveryField() {
    assertThatThrownBy(() -> new SerialLineSettings(49, 8, Parity.EVEN, StopBits.ONE))
        .hasMessageContaining("baud rate 49");
    assertThatThrownBy(() -> new SerialLineSettings(4_000_001, 8, Parity.EVEN, StopBits.ONE))
        .hasMessageContaining("baud rate 4000001");
    assertThatThrownBy(() -> new SerialLineSettings(19200, 6, Parity.EVEN, StopBits.ONE))
        .hasMessageContaining("data bits 6");
    assertThatThrownBy(() -> StopBits.of(3)).hasMessageContaining("stop bits 3");
    assertThatThrownBy(() -> Parity.parse("mark")).hasMessageContaining("parity 'mark'");
  }

  @Test
  void parityNamesAndLetters() {
    assertThat(Parity.parse("n")).isEqualTo(Parity.NONE);
    assertThat(Parity.parse("Even")).isEqualTo(Parity.EVEN);
    assertThat(Parity.parse(" O ")).isEqualTo(Parity.ODD);
    assertThat(Parity.EVEN.letter()).isEqualTo('E');
  }

  @Test
  void characterTimeFollowsTheBits() {
    // 11 bits at 19200 baud: 572 916.67 ns, rounded half up
    assertThat(SerialLineSettings.RTU_DEFAULT.characterNanos()).isEqualTo(572_917);
    // 10 bits at 115200 baud: 86 805.56 ns
    assertThat(SerialLineSettings.of(115200, "8N1").characterNanos()).isEqualTo(86_806);
    // 10 bits at 10000 baud: exactly 1 ms
    assertThat(SerialLineSettings.of(10_000, "8N1").characterNanos()).isEqualTo(1_000_000);
  }

  @Test
  void rtuNeedsEightDataBitsAsciiTakesSevenOrEight() {
    assertThatThrownBy(() -> SerialMode.RTU.validate(SerialLineSettings.ASCII_DEFAULT))
        .hasMessageContaining("8 data bits");
    SerialMode.ASCII.validate(SerialLineSettings.ASCII_DEFAULT);
    SerialMode.ASCII.validate(SerialLineSettings.RTU_DEFAULT);
    SerialMode.RTU.validate(SerialLineSettings.of(9600, "8N2"));
  }

  @Test
  void withersChangeOneField() {
    SerialLineSettings s = SerialLineSettings.RTU_DEFAULT.withBaudRate(115200).withParity(Parity.NONE)
        .withStopBits(StopBits.TWO).withDataBits(7);
    assertThat(s).hasToString("115200 7N2");
  }
}
