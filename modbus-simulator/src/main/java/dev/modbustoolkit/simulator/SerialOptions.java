package dev.modbustoolkit.simulator;

import dev.modbustoolkit.serial.RtuTiming;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's serial transports: a serial device ({@code --rtu}) and / or a TCP listener carrying serial
 * frames ({@code --rtu-over-tcp}), both in the same mode.
 *
 * @param device the serial device path (a tty, a symlink, a pty), null when no serial port is served
 * @param overTcpPort the RTU-over-TCP port, 0..65535 (0 = any free port), null when not served
 * @param mode RTU, or ASCII ({@code --ascii}); applies to both transports
 * @param lineSettings the serial line's speed and character format (only used with a device)
 * @param tolerance added to the RTU silences t1.5 / t3.5 (only used with a device; see {@link RtuTiming})
 * @param strictSilences RTU frames on the device found by the spec's silences alone ({@code --rtu-strict}; see
 *     {@code ModbusRtuServer.Builder.strictSilences})
 */
public record SerialOptions(
    @Nullable String device,
    @Nullable Integer overTcpPort,
    SerialMode mode,
    SerialLineSettings lineSettings,
    Duration tolerance,
    boolean strictSilences) {

  /** Checks the values and that the line settings suit the mode (RTU needs 8 data bits). */
  public SerialOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(lineSettings, "lineSettings");
    Objects.requireNonNull(tolerance, "tolerance");
    if (device != null && device.isBlank()) {
      throw new IllegalArgumentException("serial device path is blank");
    }
    if (overTcpPort != null && (overTcpPort < 0 || overTcpPort > 0xFFFF)) {
      throw new IllegalArgumentException("RTU-over-TCP port " + overTcpPort + " out of range 0..65535");
    }
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance " + tolerance + " is negative");
    }
    mode.validate(lineSettings);
    if (strictSilences && mode != SerialMode.RTU) {
      throw new IllegalArgumentException("strict silences are an RTU rule; ASCII frames end at CR LF");
    }
  }

  /**
   * Options with the default RTU framing (length and CRC).
   *
   * @param device the serial device path, null when no serial port is served
   * @param overTcpPort the RTU-over-TCP port, null when not served
   * @param mode RTU or ASCII
   * @param lineSettings the serial line's speed and character format
   * @param tolerance added to the RTU silences t1.5 / t3.5
   */
  public SerialOptions(@Nullable String device, @Nullable Integer overTcpPort, SerialMode mode,
      SerialLineSettings lineSettings, Duration tolerance) {
    this(device, overTcpPort, mode, lineSettings, tolerance, false);
  }

  /** {@return no serial transport: RTU mode at the spec's defaults, should one be added} */
  public static SerialOptions none() {
    return new SerialOptions(null, null, SerialMode.RTU, SerialLineSettings.RTU_DEFAULT,
        RtuTiming.DEFAULT_TOLERANCE);
  }

  /** {@return whether a serial device or an RTU-over-TCP listener is served} */
  public boolean enabled() {
    return device != null || overTcpPort != null;
  }
}
