package dev.modbustoolkit.server.rtu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RtuTimingTest {

  @Test
  void atOrBelow19200TheSilencesAreCharacterMultiples() {
    RtuTiming t = RtuTiming.of(SerialLineSettings.of(9600, "8E1"), Duration.ZERO);
    assertThat(t.characterNanos()).isEqualTo(1_145_833);
    assertThat(t.t15Nanos()).isEqualTo(1_718_749);
    assertThat(t.t35Nanos()).isEqualTo(4_010_415);

    RtuTiming t19200 = RtuTiming.of(SerialLineSettings.RTU_DEFAULT, Duration.ZERO);
    assertThat(t19200.t15Nanos()).isEqualTo(859_374);
    assertThat(t19200.t35Nanos()).isEqualTo(2_005_206);
  }

  @Test
  void above19200TheSilencesAreFixed() {
    for (int baud : new int[] {38_400, 57_600, 115_200, 921_600}) {
      RtuTiming t = RtuTiming.of(SerialLineSettings.of(baud, "8N1"), Duration.ZERO);
      assertThat(t.t15Nanos()).isEqualTo(750_000);
      assertThat(t.t35Nanos()).isEqualTo(1_750_000);
    }
  }

  @Test
  void theToleranceWidensBothLimits() {
    RtuTiming t = RtuTiming.of(SerialLineSettings.of(115200, "8E1"), Duration.ofMillis(2));
    assertThat(t.interCharacterLimitNanos()).isEqualTo(2_750_000);
    assertThat(t.interFrameLimitNanos()).isEqualTo(3_750_000);
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
