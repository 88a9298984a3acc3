package dev.modbustoolkit.server.rtu;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.serial.RtuTiming;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.server.rtu.internal.EngineSettings;
import dev.modbustoolkit.server.rtu.internal.FrameOutput;
import dev.modbustoolkit.server.rtu.internal.JSerialCommPort;
import dev.modbustoolkit.server.rtu.internal.NanoClock;
import dev.modbustoolkit.server.rtu.internal.PortHandle;
import dev.modbustoolkit.server.rtu.internal.PortOpener;
import dev.modbustoolkit.server.rtu.internal.SerialEngine;
import dev.modbustoolkit.transport.DecodeLevel;
import dev.modbustoolkit.transport.DecodeLog;
import dev.modbustoolkit.transport.jmx.JmxRegistration;
import dev.modbustoolkit.server.rtu.internal.SerialLineRunner;
import dev.modbustoolkit.server.rtu.internal.StatisticsCounters;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus server on a serial port, in RTU or ASCII mode (Modbus over Serial Line V1.02), serving every unit of a
 * {@link ModbusDispatcher} on one multi-drop line.
 *
 * <pre>{@code
 * try (ModbusRtuServer server = ModbusRtuServer.builder(dispatcher)
 *     .port("/dev/ttyUSB0")
 *     .lineSettings(SerialLineSettings.of(19200, "8E1"))
 *     .build()
 *     .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>On the line it behaves as a set of devices should: requests for its units are answered no sooner than t3.5
 * after the request; broadcasts (unit 0) are executed and never answered; requests for other units, and other
 * devices' responses, are skipped silently (they count in the devices' bus message counters); frames with a bad
 * CRC/LRC or cut by a silence are dropped and counted as bus communication errors; after garbage the decoder
 * resynchronises on the next valid frame. See {@link RtuTiming} for the silences and their tolerance.
 *
 * <p><b>t1.5 and t3.5: one departure from the spec, on purpose.</b> Modbus over Serial Line V1.02 (2.5.1.1 and
 * its RTU reception state diagram) declares a frame "NOT OK" when a character follows it after more than t1.5 but
 * before t3.5: a receiver is to wait for the full t3.5 after the last character before judging the frame. This
 * server does not: a request of known length whose CRC matches is taken as soon as its last byte arrives, and a
 * character in the t1.5..t3.5 window after it starts a new frame candidate (dropped as noise when it forms no
 * frame) instead of undoing the request. The CRC is the better judge on a line (a 1-in-65536 chance of a false
 * match, against USB adapters and loaded machines that delay bytes by milliseconds and would otherwise break valid
 * frames), and the answer still starts no sooner than t3.5 after the request, so the bus timing other devices see
 * is the spec's. A silence over t1.5 (+ tolerance) inside a frame does break it, as the spec says, and frames of
 * unknown length (FC 08, user-defined codes) end at the t3.5 silence. {@code RtuFrameDecoderTest} pins both rules
 * against the spec's wording. {@link Builder#strictSilences(boolean)} switches to the spec's rule exactly ({@link
 * dev.modbustoolkit.serial.StrictRtuFrameDecoder}): a frame is judged once the t3.5 silence after it has passed, so
 * every answer comes t3.5 later, and a master or adapter that does not keep the silences gets no answer; for testing
 * that a master does.
 *
 * <p>Any device path works, including symlinks and pseudo-terminals. A pty carries neither baud rate nor parity
 * (the kernel keeps 8 bits without parity); a kernel refusal to set parity there logs a warning, and the server
 * opens it without (see {@link #appliedLineSettings()}). On a real port a setting that cannot be applied fails
 * {@link #start()}.
 *
 * <p>Why this file is a little over 400 lines (a third of them Javadoc): it is the public face of the serial server,
 * its lifecycle and its builder; the engine, the line runner, the port and the counters are already files of their
 * own, and the builder only collects and checks what {@link #start()} hands them.
 */
public final class ModbusRtuServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusRtuServer.class);
  private static final AtomicLong PORT_IDS = new AtomicLong();

  /** Opens a port by name; the seam tests use to supply a fake device. */
  @FunctionalInterface
  interface PortFactory {
    PortHandle open(String name) throws IOException;
  }

  private final ModbusDispatcher dispatcher;
  private final DecodeLog decodeLog;
  private final String portName;
  private final SerialMode mode;
  private final SerialLineSettings lineSettings;
  private final Duration tolerance;
  private final boolean strictSilences;
  private final FaultPipeline faults;
  private final boolean broadcastAllowed;
  private final PortFactory portFactory;
  private final boolean jmxEnabled;
  private final StatisticsCounters stats = new StatisticsCounters();
  private final Object lifecycle = new Object();
  private @Nullable SerialLineRunner runner;
  private @Nullable SerialLineSettings appliedSettings;
  private @Nullable JmxRegistration jmx;
  private boolean started;

  private ModbusRtuServer(Builder b, String portName, PortFactory portFactory) {
    this.decodeLog = new DecodeLog(b.decodeLevel);
    this.dispatcher = b.dispatcher;
    this.portName = portName;
    this.mode = b.mode;
    this.lineSettings = b.lineSettings != null ? b.lineSettings : b.mode.defaultLineSettings();
    this.tolerance = b.tolerance;
    this.strictSilences = b.strictSilences;
    this.faults = b.faults;
    this.broadcastAllowed = b.broadcastAllowed;
    this.portFactory = portFactory;
    this.jmxEnabled = b.jmxEnabled;
    mode.validate(lineSettings);
  }

  /**
   * {@return a builder serving the units of {@code dispatcher}}
   *
   * @param dispatcher the dispatcher that answers the requests
   */
  public static Builder builder(ModbusDispatcher dispatcher) {
    return new Builder(dispatcher);
  }

  /**
   * Opens the port and starts serving.
   *
   * @return this server
   * @throws IOException when the port cannot be opened with the line settings
   * @throws IllegalStateException when started before
   */
  public ModbusRtuServer start() throws IOException {
    synchronized (lifecycle) {
      if (started) {
        throw new IllegalStateException("server on " + portName + " already started");
      }
      started = true;
      PortHandle port = portFactory.open(portName);
      SerialLineSettings applied;
      try {
        applied = PortOpener.open(port, lineSettings);
      } catch (IOException | RuntimeException e) {
        port.close();
        throw e;
      }
      RtuTiming timing = RtuTiming.of(applied, tolerance);
      EngineSettings settings = EngineSettings.serialLine(mode, timing, PORT_IDS.incrementAndGet(), strictSilences);
      SerialEngine engine =
          new SerialEngine(
              dispatcher,
              new SerialRequestContext(portName, broadcastAllowed),
              settings,
              faults,
              new PortOutput(port),
              NanoClock.SYSTEM,
              stats,
              decodeLog);
      SerialLineRunner r =
          new SerialLineRunner(
              port,
              engine,
              () -> {
                stats.overrun();
                dispatcher.recordBusCharacterOverrun();
              });
      r.start();
      runner = r;
      appliedSettings = applied;
      if (jmxEnabled) {
        // Monitoring only: a failure is logged inside and the server serves on.
        jmx = JmxRegistration.register(
            "ModbusRtuServer", portName, new RtuServerMXBeanImpl(this), "Modbus " + mode + " server");
      }
      LOG.info("Modbus {} server on {} at {} (t1.5 {} us, t3.5 {} us, tolerance {} ms{}), units {}", mode, portName,
          applied, timing.t15Nanos() / 1000, timing.t35Nanos() / 1000, tolerance.toMillis(),
          settings.strictSilences() ? ", frames by the silences alone" : "",
          dispatcher.catchAll() != null ? "all (a catch-all handler)" : dispatcher.units());
      return this;
    }
  }

  /** Stops serving and closes the port; idempotent. */
  @Override
  public void close() {
    SerialLineRunner r;
    JmxRegistration j;
    synchronized (lifecycle) {
      r = runner;
      runner = null;
      j = jmx;
      jmx = null;
    }
    if (j != null) {
      j.unregister();
    }
    if (r != null) {
      r.close();
      LOG.info("Modbus {} server on {} stopped", mode, portName);
    }
  }

  /** {@return true while the port is served (false before start, after close, or once the device failed)} */
  public boolean isRunning() {
    SerialLineRunner r = runner;
    return r != null && r.isRunning();
  }

  /** {@return the port name as given} */
  public String portName() {
    return portName;
  }

  /**
   * RTU or ASCII.
   *
   * @return the mode
   */
  public SerialMode mode() {
    return mode;
  }

  /** {@return the line settings asked for} */
  public SerialLineSettings lineSettings() {
    return lineSettings;
  }

  /**
   * {@return the line settings in force: those asked for, or without parity when a pseudo-terminal refused it; null
   * before {@link #start()}}
   */
  public @Nullable SerialLineSettings appliedLineSettings() {
    return appliedSettings;
  }

  /** {@return the fault pipeline (change it while running)} */
  public FaultPipeline faults() {
    return faults;
  }

  /** {@return the line's traffic log (PDUs decoded, frames and raw bytes as hex), switchable while it runs} */
  public DecodeLog decodeLog() {
    return decodeLog;
  }

  /** {@return what the server saw on the line so far} */
  public SerialStatistics statistics() {
    return stats.snapshot();
  }

  @Override
  public String toString() {
    return "ModbusRtuServer[" + mode + " " + portName + " " + lineSettings + "]";
  }

  /** Configures a {@link ModbusRtuServer}. Not thread-safe. */
  public static final class Builder {
    private final ModbusDispatcher dispatcher;
    private @Nullable String port;
    private SerialMode mode = SerialMode.RTU;
    private @Nullable SerialLineSettings lineSettings;
    private Duration tolerance = RtuTiming.DEFAULT_TOLERANCE;
    private boolean strictSilences;
    private FaultPipeline faults = FaultPipeline.empty();
    private DecodeLevel decodeLevel = DecodeLevel.NOTHING;
    private boolean broadcastAllowed = true;
    private boolean jmxEnabled = true;
    private @Nullable PortFactory portFactory;

    private Builder(ModbusDispatcher dispatcher) {
      this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /**
     * {@return the device: {@code /dev/ttyUSB0}, a symlink such as {@code /dev/serial/by-id/...}, a pty, or {@code
     * COM3}}
     *
     * @param device the device
     */
    public Builder port(String device) {
      Objects.requireNonNull(device, "device");
      if (device.isBlank()) {
        throw new IllegalArgumentException("serial device name is blank");
      }
      this.port = device;
      return this;
    }

    /**
     * Line settings; default the mode's (19200 8E1 for RTU, 19200 7E1 for ASCII).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder lineSettings(SerialLineSettings settings) {
      this.lineSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * RTU (default) or ASCII.
     *
     * @param newMode the new mode
     * @return this builder
     */
    public Builder mode(SerialMode newMode) {
      this.mode = Objects.requireNonNull(newMode, "mode");
      return this;
    }

    /**
     * ASCII mode: the same as {@code mode(SerialMode.ASCII)}.
     *
     * @return this builder
     */
    public Builder ascii() {
      return mode(SerialMode.ASCII);
    }

    /**
     * {@return the tolerance added to t1.5 and t3.5 (see {@link RtuTiming}); default 5 ms}
     *
     * @param newTolerance the new tolerance
     */
    public Builder timingTolerance(Duration newTolerance) {
      Objects.requireNonNull(newTolerance, "tolerance");
      if (newTolerance.isNegative()) {
        throw new IllegalArgumentException("tolerance " + newTolerance + " is negative");
      }
      this.tolerance = newTolerance;
      return this;
    }

    /**
     * Finds RTU frames by the spec's silences alone (Modbus over Serial Line V1.02, 2.5.1.1): a frame ends at a t3.5
     * silence and is dropped when a silence over t1.5 lies inside it or a character follows it before t3.5. Off by
     * default, where a request is taken at its last byte when its length and CRC say it is complete (see the class
     * comment). Every answer then starts t3.5 (+ tolerance) after the request, not at t3.5 sharp. No effect in
     * ASCII.
     *
     * @param on whether to frame strictly
     * @return this builder
     */
    public Builder strictSilences(boolean on) {
      this.strictSilences = on;
      return this;
    }

    /**
     * What the server logs of the line's traffic to start with (PDUs decoded, frames and raw bytes as hex, to the
     * logger {@code dev.modbustoolkit.transport.decode} at INFO); changeable while running through {@link
     * ModbusRtuServer#decodeLog()}. Default {@link DecodeLevel#NOTHING}.
     *
     * @param level the layers to log
     * @return this builder
     */
    public Builder decodeLevel(DecodeLevel level) {
      this.decodeLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * The fault pipeline; default an empty one (no faults, no cost).
     *
     * @param pipeline the faults to inject on this line
     * @return this builder
     */
    public Builder faults(FaultPipeline pipeline) {
      this.faults = Objects.requireNonNull(pipeline, "pipeline");
      return this;
    }

    /**
     * {@return whether broadcasts (unit 0) are executed; default true} They are never answered either way.
     *
     * @param allowed the allowed
     */
    public Builder broadcastAllowed(boolean allowed) {
      this.broadcastAllowed = allowed;
      return this;
    }

    /**
     * Whether the server registers its {@link ModbusRtuServerMXBean} in the platform MBean server while it runs, as
     * {@code dev.modbustoolkit:type=ModbusRtuServer,name="<port name>"}; default true. A failure to register is
     * logged and never stops the server.
     *
     * @param enabled whether to register the MXBean
     * @return this builder
     */
    public Builder jmxEnabled(boolean enabled) {
      this.jmxEnabled = enabled;
      return this;
    }

    Builder portFactory(PortFactory factory) {
      this.portFactory = factory;
      return this;
    }

    /**
     * {@return the server, not started}
     *
     * @throws IllegalStateException when no port was given
     * @throws IllegalArgumentException when the line settings do not suit the mode (RTU needs 8 data bits)
     */
    public ModbusRtuServer build() {
      if (port == null) {
        throw new IllegalStateException("no serial port: call port(\"/dev/ttyUSB0\") or similar");
      }
      return new ModbusRtuServer(this, port, portFactory != null ? portFactory : JSerialCommPort::of);
    }
  }

  /** Responses go to the port. */
  private record PortOutput(PortHandle port) implements FrameOutput {
    @Override
    public void send(byte[] bytes, int offset, int length) throws IOException {
      port.write(bytes, offset, length);
    }
  }
}
