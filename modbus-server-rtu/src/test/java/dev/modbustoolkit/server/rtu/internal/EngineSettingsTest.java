package dev.modbustoolkit.server.rtu.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.fault.Transport;
import dev.modbustoolkit.serial.RtuTiming;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.serial.SilenceRules;
import org.junit.jupiter.api.Test;

/** An engine's settings: each timing checked at its boundary, and what a serial line's defaults are. */
class EngineSettingsTest {
  private static final RtuTiming TIMING = RtuTiming.of(dev.modbustoolkit.serial.SerialLineSettings.of(9600, "8E1"));
  private static final SilenceRules SILENCE = SilenceRules.of(TIMING);

  private static EngineSettings settings(long turnaround, long character, long asciiTimeout, long responseTimeout) {
    return new EngineSettings(SerialMode.RTU, SILENCE, turnaround, character, asciiTimeout, responseTimeout,
        Transport.RTU, 1);
  }

  @Test
  void zeroTurnaroundAndCharacterTimeAreAllowedTheTimeoutsMustBePositive() {
    assertThat(settings(0, 0, 1, 1).turnaroundNanos()).isZero();
    for (Runnable bad : new Runnable[] {
        () -> settings(-1, 0, 1, 1), () -> settings(0, -1, 1, 1), () -> settings(0, 0, 0, 1),
        () -> settings(0, 0, 1, 0)}) {
      assertThatThrownBy(bad::run).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("negative or zero timing in RTU engine settings");
    }
  }

  @Test
  void anRtuLineWaitsT35BeforeAnsweringAnAsciiLineDoesNot() {
    EngineSettings rtu = EngineSettings.serialLine(SerialMode.RTU, TIMING, 7);
    assertThat(rtu.turnaroundNanos()).isEqualTo(TIMING.t35Nanos()).isPositive();
    assertThat(rtu.characterNanos()).isEqualTo(TIMING.characterNanos());
    assertThat(rtu.transport()).isEqualTo(Transport.RTU);
    assertThat(rtu.connectionId()).isEqualTo(7);
    assertThat(rtu.asciiCharacterTimeoutNanos()).isEqualTo(1_000_000_000L);
    assertThat(rtu.responseTimeoutNanos()).isEqualTo(1_000_000_000L);

    EngineSettings ascii = EngineSettings.serialLine(SerialMode.ASCII, TIMING, 8);
    assertThat(ascii.turnaroundNanos()).isZero();
    assertThat(ascii.transport()).isEqualTo(Transport.ASCII);
    assertThat(ascii.mode()).isEqualTo(SerialMode.ASCII);
  }
}
