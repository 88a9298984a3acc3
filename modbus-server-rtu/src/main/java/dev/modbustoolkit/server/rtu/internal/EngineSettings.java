package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.fault.Transport;
import dev.modbustoolkit.serial.RtuTiming;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.serial.SilenceRules;
import java.util.Objects;

/**
 * How one serial engine frames and answers.
 *
 * @param mode RTU or ASCII framing
 * @param silence the RTU decoder's silences
 * @param turnaroundNanos the least silence between the end of a request and the response (t3.5 on an RTU line,
 *     0 over TCP and in ASCII)
 * @param characterNanos one character on the line, to estimate when written bytes have left (0 over TCP)
 * @param asciiCharacterTimeoutNanos the longest gap inside an ASCII frame
 * @param responseTimeoutNanos how long after a request to another device its response may come
 * @param transport what the fault pipeline is told
 * @param connectionId the fault pipeline's id of this line or connection
 * @param strictSilences RTU frames by the spec's silences alone ({@link dev.modbustoolkit.serial.StrictRtuFrameDecoder})
 *     instead of length and CRC
 */
public record EngineSettings(
    SerialMode mode,
    SilenceRules silence,
    long turnaroundNanos,
    long characterNanos,
    long asciiCharacterTimeoutNanos,
    long responseTimeoutNanos,
    Transport transport,
    long connectionId,
    boolean strictSilences) {

  /** The spec's ASCII inter-character timeout: 1 s. */
  public static final long DEFAULT_ASCII_TIMEOUT_NANOS = 1_000_000_000L;
  /** How long another device's response is expected after its request: 1 s, a common master timeout. */
  public static final long DEFAULT_RESPONSE_TIMEOUT_NANOS = 1_000_000_000L;

  /** Validates. */
  public EngineSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(silence, "silence");
    Objects.requireNonNull(transport, "transport");
    if (turnaroundNanos < 0 || characterNanos < 0 || asciiCharacterTimeoutNanos <= 0
        || responseTimeoutNanos <= 0) {
      throw new IllegalArgumentException("negative or zero timing in " + mode + " engine settings");
    }
  }

  /** Settings that find RTU frames by length and CRC (the default). */
  public EngineSettings(SerialMode mode, SilenceRules silence, long turnaroundNanos, long characterNanos,
      long asciiCharacterTimeoutNanos, long responseTimeoutNanos, Transport transport, long connectionId) {
    this(mode, silence, turnaroundNanos, characterNanos, asciiCharacterTimeoutNanos, responseTimeoutNanos, transport,
        connectionId, false);
  }

  /** A serial line: RTU with the spec's silences and turnaround, or ASCII with its 1 s timeout. */
  public static EngineSettings serialLine(SerialMode mode, RtuTiming timing, long connectionId) {
    return serialLine(mode, timing, connectionId, false);
  }

  /** {@link #serialLine(SerialMode, RtuTiming, long)}, RTU frames found by the silences alone when {@code strict}. */
  public static EngineSettings serialLine(SerialMode mode, RtuTiming timing, long connectionId, boolean strict) {
    return new EngineSettings(
        mode,
        SilenceRules.of(timing),
        mode == SerialMode.RTU ? timing.t35Nanos() : 0,
        timing.characterNanos(),
        DEFAULT_ASCII_TIMEOUT_NANOS,
        DEFAULT_RESPONSE_TIMEOUT_NANOS,
        mode == SerialMode.RTU ? Transport.RTU : Transport.ASCII,
        connectionId,
        strict && mode == SerialMode.RTU);
  }
}
