package dev.modbustoolkit.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected values are the spec's arithmetic (Modbus over Serial Line V1.02, 2.5.1.1) written out by hand:
 * character time = bits per character / baud; t1.5 = 1.5 and t3.5 = 3.5 character times, rounded half up to the
 * nanosecond; above 19200 baud t1.5 = 750 us and t3.5 = 1750 us.
 */
class RtuTimingTest {

  @ParameterizedTest(name = "{0} {1}: char {2} ns, t1.5 {3} ns, t3.5 {4} ns")
  @CsvSource({
    // 8E1 = 1 start + 8 data + 1 parity + 1 stop = 11 bits.
    // 11 / 9600 s = 1 145 833.33 ns; 16.5 bits / 9600 = 1 718 750 ns; 38.5 bits / 9600 = 4 010 416.67 ns
    "9600, 8E1, 1145833, 1718750, 4010417",
    // 11 / 19200 = 572 916.67 ns; 16.5 / 19200 = 859 375 ns; 38.5 / 19200 = 2 005 208.33 ns
    "19200, 8E1, 572917, 859375, 2005208",
    // 8N2 = 1 + 8 + 0 + 2 = 11 bits, the spec's choice without parity: same as 8E1
    "9600, 8N2, 1145833, 1718750, 4010417",
    // 8N1 as configured (not the spec's 8N2) = 10 bits: 10 / 9600 = 1 041 666.67; 15 / 9600 = 1 562 500;
    // 35 / 9600 = 3 645 833.33
    "9600, 8N1, 1041667, 1562500, 3645833",
    // 11 bits at 1200 baud: 9 166 666.67; 16.5 / 1200 = 13 750 000; 38.5 / 1200 = 32 083 333.33
    "1200, 8O1, 9166667, 13750000, 32083333",
    // 12 bits (8E2) at 4800: 2 500 000; 18 / 4800 = 3 750 000; 42 / 4800 = 8 750 000
    "4800, 8E2, 2500000, 3750000, 8750000",
    // 7E1 (ASCII's format) = 10 bits at 19200: 520 833.33; 15 / 19200 = 781 250; 35 / 19200 = 1 822 916.67
    "19200, 7E1, 520833, 781250, 1822917",
  })
  void atOrBelow19200TheSilencesAreCharacterMultiples(
      int baud, String format, long character, long t15, long t35) {
    RtuTiming t = RtuTiming.of(SerialLineSettings.of(baud, format), Duration.ZERO);
    assertThat(t.characterNanos()).isEqualTo(character);
    assertThat(t.t15Nanos()).isEqualTo(t15);
    assertThat(t.t35Nanos()).isEqualTo(t35);
  }

  @Test
  void t15At9600Baud8E1IsExactly16AndAHalfBitTimes() {
    // 1.5 characters x 11 bits = 16.5 bits; 16.5 / 9600 s = 0.00171875 s
    long expected = 1_718_750;
    assertThat(RtuTiming.of(SerialLineSettings.of(9600, "8E1"), Duration.ZERO).t15Nanos()).isEqualTo(expected);
  }

  @Test
  void above19200TheSilencesAreFixed() {
    for (int baud : new int[] {19_201, 38_400, 57_600, 115_200, 921_600}) {
      for (String format : new String[] {"8N1", "8E1", "8N2"}) {
        RtuTiming t = RtuTiming.of(SerialLineSettings.of(baud, format), Duration.ZERO);
        assertThat(t.t15Nanos()).isEqualTo(750_000);
        assertThat(t.t35Nanos()).isEqualTo(1_750_000);
      }
    }
  }

  @Test
  void theCharacterTimeAbove19200StillFollowsTheLine() {
    // 10 bits / 115200 = 86 805.56 ns
    assertThat(RtuTiming.of(SerialLineSettings.of(115_200, "8N1"), Duration.ZERO).characterNanos())
        .isEqualTo(86_806);
  }

  @Test
  void theToleranceWidensBothLimits() {
    RtuTiming t = RtuTiming.of(SerialLineSettings.of(115200, "8E1"), Duration.ofMillis(2));
    assertThat(t.interCharacterLimitNanos()).isEqualTo(750_000 + 2_000_000);
    assertThat(t.interFrameLimitNanos()).isEqualTo(1_750_000 + 2_000_000);
    assertThat(RtuTiming.of(SerialLineSettings.RTU_DEFAULT).toleranceNanos())
        .isEqualTo(RtuTiming.DEFAULT_TOLERANCE.toNanos());
  }

  @Test
  void rejectsInconsistentValues() {
    assertThatThrownBy(() -> RtuTiming.of(SerialLineSettings.RTU_DEFAULT, Duration.ofMillis(-1)))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> new RtuTiming(1000, 2000, 2000, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RtuTiming(0, 1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
