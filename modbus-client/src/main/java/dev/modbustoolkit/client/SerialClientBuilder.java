package dev.modbustoolkit.client;

import dev.modbustoolkit.client.internal.AsciiClientFraming;
import dev.modbustoolkit.client.internal.ClientEngine;
import dev.modbustoolkit.client.internal.ClientFraming;
import dev.modbustoolkit.client.internal.EngineSettings;
import dev.modbustoolkit.client.internal.RtuClientFraming;
import dev.modbustoolkit.client.internal.SerialConduit;
import dev.modbustoolkit.serial.RtuTiming;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds the master of a serial line (Modbus over Serial Line V1.02), RTU or ASCII, over jSerialComm. Made by
 * {@link ModbusClient#serial}.
 *
 * <p>On the line: one request outstanding per bus (frames carry no transaction id); the line quiet for t3.5 (from
 * the line settings, {@link RtuTiming}) before each RTU request; an answer's end found from its length and CRC as
 * soon as its last byte is in, and, for a function code whose answer length is unknown, at the t3.5 silence after
 * it; a broadcast ({@link ModbusClient#broadcast}) sent without waiting for an answer, then the {@linkplain
 * #turnaround turnaround delay} before the next request; after a timeout, a {@linkplain #drainAfterTimeout short
 * wait} so that a late answer is dropped instead of being taken for the next request's. With {@link
 * #localEcho(boolean) localEcho(true)} the echo of each request that an RS-485 adapter hears is dropped before the
 * answer is looked for.
 *
 * <p>The port is opened when the first request needs it (or {@link ModbusClient#connect()}) and opened again
 * after it failed (an unplugged USB adapter), with backoff; timeouts never close it, a dead device being no fault of
 * the bus.
 */
public final class SerialClientBuilder extends ClientBuilder<SerialClientBuilder> {
  /** Opened on demand, reopened with backoff after a failure, never closed for timeouts. */
  private static final ReconnectPolicy PORT_POLICY =
      new ReconnectPolicy(false, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(5), 0);

  private final String portName;
  private SerialMode mode = SerialMode.RTU;
  private @Nullable SerialLineSettings lineSettings;
  private Duration turnaround = Duration.ofMillis(100);
  private Duration drainAfterTimeout = Duration.ofMillis(100);
  private Duration timingTolerance = RtuTiming.DEFAULT_TOLERANCE;
  private @Nullable Duration interFrameDelay;
  private boolean localEcho;

  SerialClientBuilder(String portName) {
    Objects.requireNonNull(portName, "portName");
    if (portName.isBlank()) {
      throw new IllegalArgumentException("serial port name is blank");
    }
    this.portName = portName;
  }

  @Override
  SerialClientBuilder self() {
    return this;
  }

  /**
   * Sets the transmission mode; default RTU.
   *
   * @param newMode RTU or ASCII
   * @return this builder
   */
  public SerialClientBuilder mode(SerialMode newMode) {
    this.mode = Objects.requireNonNull(newMode, "mode");
    return this;
  }

  /**
   * Sets the line's speed and character format; default the mode's (19200 8E1 for RTU, 19200 7E1 for ASCII).
   *
   * @param newSettings the settings, e.g. {@code SerialLineSettings.of(9600, "8N1")}
   * @return this builder
   */
  public SerialClientBuilder lineSettings(SerialLineSettings newSettings) {
    this.lineSettings = Objects.requireNonNull(newSettings, "lineSettings");
    return this;
  }

  /**
   * Sets the wait after a broadcast before the next request, so that every device has executed it; default
   * 100 ms (Serial Line V1.02 §2.4.1 suggests 100 to 200 ms).
   *
   * @param newTurnaround not negative
   * @return this builder
   * @throws IllegalArgumentException when negative
   */
  public SerialClientBuilder turnaround(Duration newTurnaround) {
    this.turnaround = checkNotNegative(newTurnaround, "turnaround");
    return this;
  }

  /**
   * Sets how long, after a timeout, the next request waits so that a late answer arrives and is dropped instead of
   * being taken for the next request's; default 100 ms.
   *
   * @param newDrain not negative
   * @return this builder
   * @throws IllegalArgumentException when negative
   */
  public SerialClientBuilder drainAfterTimeout(Duration newDrain) {
    this.drainAfterTimeout = checkNotNegative(newDrain, "drainAfterTimeout");
    return this;
  }

  /**
   * Sets the tolerance added to t3.5 before a silence ends an answer of unknown length (see {@link RtuTiming});
   * default 5 ms, for USB adapters that deliver bytes in bursts.
   *
   * @param newTolerance not negative
   * @return this builder
   * @throws IllegalArgumentException when negative
   */
  public SerialClientBuilder timingTolerance(Duration newTolerance) {
    this.timingTolerance = checkNotNegative(newTolerance, "timingTolerance");
    return this;
  }

  /**
   * Sets whether the port hears its own requests (an RS-485 adapter with local echo, a two-wire bus without
   * receiver disable); the echo of each request is then dropped before the answer is looked for. Default false.
   *
   * @param newLocalEcho whether to drop the echo
   * @return this builder
   */
  public SerialClientBuilder localEcho(boolean newLocalEcho) {
    this.localEcho = newLocalEcho;
    return this;
  }

  /**
   * Sets the silence the master keeps on the line before each RTU request; default t3.5 from the line settings
   * (Serial Line V1.02 §2.5.1.1: 3.5 character times, fixed 1.75 ms above 19200 baud). Shorter only for devices known
   * to take it (many gateways pause 1 ms); the spec's frames need t3.5.
   *
   * @param newDelay not negative
   * @return this builder
   * @throws IllegalArgumentException when negative
   */
  public SerialClientBuilder interFrameDelay(Duration newDelay) {
    this.interFrameDelay = checkNotNegative(newDelay, "interFrameDelay");
    return this;
  }

  /**
   * {@return the client; it opens the port when the first request needs it}
   *
   * @throws IllegalArgumentException when the line settings do not suit the mode (RTU needs 8 data bits)
   */
  @Override
  public ModbusClient build() {
    SerialLineSettings line = lineSettings != null ? lineSettings : mode.defaultLineSettings();
    mode.validate(line);
    RtuTiming timing = RtuTiming.of(line, timingTolerance);
    boolean rtu = mode == SerialMode.RTU;
    Supplier<ClientFraming> framings = rtu ? RtuClientFraming::forSerialLine : AsciiClientFraming::new;
    EngineSettings settings =
        new EngineSettings(timeout, 1, retry, PORT_POLICY, turnaround, drainAfterTimeout, listener, decode);
    long quiet = interFrameDelay != null ? interFrameDelay.toNanos() : rtu ? timing.t35Nanos() : 0;
    SerialConduit.Opener opener = SerialConduit.opener(portName, line, quiet,
        rtu ? timing.interFrameLimitNanos() : -1, localEcho);
    return new ClientEngine(opener, framings, true, settings);
  }
}
