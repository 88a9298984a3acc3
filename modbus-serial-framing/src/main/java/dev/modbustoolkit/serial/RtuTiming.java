package dev.modbustoolkit.serial;

import dev.modbustoolkit.serial.internal.CharacterTime;
import java.time.Duration;
import java.util.Objects;

/**
 * The silences that delimit RTU frames (spec section 2.5.1.1), computed from the configured character format
 * (start bit, data bits, parity bit if any, stop bits: the configured ones, even where the spec would ask for two
 * stop bits without parity), plus a tolerance for the way real ports deliver
 * bytes.
 *
 * <ul>
 *   <li>t1.5: a silence longer than 1.5 character times between two characters of a frame makes the frame
 *       incomplete; it is discarded.
 *   <li>t3.5: frames are separated by at least 3.5 character times of silence; a server also waits that long
 *       after a request before it answers.
 *   <li>Above 19200 baud both are fixed (0.75 ms and 1.75 ms), as the spec recommends, because the character
 *       time becomes too short for the receiving software to time.
 * </ul>
 *
 * <p>Why a tolerance: the server cannot see the wire, only the chunks the driver hands over. A USB adapter
 * collects bytes and delivers them every millisecond or so (FTDI chips up to their 16 ms latency timer), and the
 * reading thread may be scheduled late, so a silence measured between chunks can be larger than the real one by
 * that much. The server therefore treats a gap as a t1.5 (t3.5) silence only when it exceeds t1.5 (t3.5) plus
 * the tolerance. Use {@link Duration#ZERO} for a native UART, the default {@value #DEFAULT_TOLERANCE_MILLIS} ms
 * for typical Linux USB adapters, and 20 ms for adapters with a 16 ms latency timer.
 *
 * @param characterNanos one character on the wire (start, data, parity and stop bits)
 * @param t15Nanos the inter-character limit, 1.5 characters or 750 us above 19200 baud
 * @param t35Nanos the inter-frame silence, 3.5 characters or 1750 us above 19200 baud
 * @param toleranceNanos added to both limits before a gap counts as a silence; at least 0
 */
public record RtuTiming(long characterNanos, long t15Nanos, long t35Nanos, long toleranceNanos) {
  /** The default tolerance in milliseconds. */
  public static final long DEFAULT_TOLERANCE_MILLIS = 5;
  /** The default tolerance. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMillis(DEFAULT_TOLERANCE_MILLIS);
  /** Above this baud rate t1.5 and t3.5 are fixed. */
  public static final int FIXED_TIMING_ABOVE_BAUD = 19_200;
  /** t1.5 above 19200 baud: 750 us. */
  public static final long FIXED_T15_NANOS = 750_000;
  /** t3.5 above 19200 baud: 1750 us. */
  public static final long FIXED_T35_NANOS = 1_750_000;

  /** Checks the values are positive (the tolerance may be 0) and t1.5 &lt; t3.5. */
  public RtuTiming {
    if (characterNanos <= 0 || t15Nanos <= 0 || t35Nanos <= t15Nanos || toleranceNanos < 0) {
      throw new IllegalArgumentException(
          "timing needs 0 < character, 0 < t1.5 < t3.5 and tolerance >= 0: character=" + characterNanos
              + " t1.5=" + t15Nanos + " t3.5=" + t35Nanos + " tolerance=" + toleranceNanos + " (ns)");
    }
  }

  /**
   * {@return the spec's timing for a line, with the given tolerance}
   *
   * @param line the line
   * @param tolerance the tolerance
   */
  public static RtuTiming of(SerialLineSettings line, Duration tolerance) {
    Objects.requireNonNull(tolerance, "tolerance");
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance " + tolerance + " is negative");
    }
    long character = line.characterNanos();
    boolean fixed = line.baudRate() > FIXED_TIMING_ABOVE_BAUD;
    // Spec 2.5.1.1: t1.5 = 1.5 and t3.5 = 3.5 character times, in exact integer arithmetic, rounded half up.
    long t15 = fixed ? FIXED_T15_NANOS : CharacterTime.halvesNanos(3, line.bitsPerCharacter(), line.baudRate());
    long t35 = fixed ? FIXED_T35_NANOS : CharacterTime.halvesNanos(7, line.bitsPerCharacter(), line.baudRate());
    return new RtuTiming(character, t15, t35, tolerance.toNanos());
  }

  /**
   * {@return the spec's timing for a line with the default tolerance}
   *
   * @param line the line
   */
  public static RtuTiming of(SerialLineSettings line) {
    return of(line, DEFAULT_TOLERANCE);
  }

  /** {@return a gap longer than this between two characters breaks a frame: t1.5 plus the tolerance} */
  public long interCharacterLimitNanos() {
    return t15Nanos + toleranceNanos;
  }

  /** {@return a gap longer than this ends a frame: t3.5 plus the tolerance} */
  public long interFrameLimitNanos() {
    return t35Nanos + toleranceNanos;
  }
}
