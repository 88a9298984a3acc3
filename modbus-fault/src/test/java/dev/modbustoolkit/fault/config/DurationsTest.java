package dev.modbustoolkit.fault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations on a command line: the fault files' units, ISO-8601, and a bare number as milliseconds. */
class DurationsTest {
  @ParameterizedTest
  @CsvSource({"500ms, 500000000", "2s, 2000000000", "1.5s, 1500000000", "250us, 250000", "100ns, 100",
      "2m, 120000000000", "1h, 3600000000000", "PT0.2S, 200000000", "250, 250000000", "0, 0", "0.5, 500000"})
  void parses(String text, long nanos) {
    assertThat(Durations.parse(text, "--timeout")).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"-5 | --timeout: duration '-5' is negative",
      "soon | --timeout: 'soon' is not a duration", "PTX | --timeout: 'PTX' is not an ISO-8601 duration",
      "400d | --timeout: '400d' is not a duration", "9000h | --timeout: duration '9000h' is longer than a year"})
  void refusesNamingTheOption(String text, String message) {
    assertThatThrownBy(() -> Durations.parse(text, "--timeout")).isInstanceOf(FaultFileException.class)
        .hasMessageStartingWith(message);
  }
}
