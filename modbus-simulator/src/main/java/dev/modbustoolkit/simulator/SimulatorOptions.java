package dev.modbustoolkit.simulator;

import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;
import dev.modbustoolkit.server.tcp.IoMode;
import dev.modbustoolkit.transport.DecodeLevel;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.simulator.internal.OptionParser;
import dev.modbustoolkit.simulator.internal.Usage;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's settings, parsed and validated from the command line.
 *
 * @param bindAddress where the TCP listeners (Modbus TCP, RTU over TCP) listen
 * @param tcpEnabled whether the Modbus TCP server runs (false with {@code --no-tcp})
 * @param port Modbus TCP port, 0..65535 (0 = any free port)
 * @param units the unit ids served, ascending, each 1..247; each gets its own full data model
 * @param fill what every unit's data model holds at start ({@code --fill}; {@link DataFill#ZERO} by default)
 * @param maxConnections Modbus TCP connection limit
 * @param limitPolicy what happens beyond the limit
 * @param idleTimeout idle Modbus TCP connections are closed after this (zero = never)
 * @param requestTimeout handlers overrunning it answer SERVER_DEVICE_BUSY on Modbus TCP (zero = no timeout)
 * @param ioMode how the Modbus TCP server reads connections ({@code --io}; {@link IoMode#EVENT_LOOP} by default)
 * @param shutdownGrace how long Ctrl-C lets connections finish
 * @param serial the serial transports (a serial device, RTU over TCP), if any
 * @param udpPort the port of the Modbus over UDP server ({@code --udp}), null for none
 * @param decodeLevel what the network servers log of their traffic ({@code --decode})
 * @param faults the faults to inject on every transport, null for none
 * @param help whether {@code --help} was given (everything else is then ignored)
 * @param size without a profile, the number of addresses of every table of every unit, 0..size-1
 *     ({@code --size}; 65536 by default)
 * @param profile the device profile ({@code --profile}): its units replace {@code units}; null for none
 * @param admin the HTTP admin API and dashboard ({@code --admin}), null for none
 */
public record SimulatorOptions(
    InetAddress bindAddress,
    boolean tcpEnabled,
    int port,
    SortedSet<Integer> units,
    DataFill fill,
    int maxConnections,
    ConnectionLimitPolicy limitPolicy,
    Duration idleTimeout,
    Duration requestTimeout,
    IoMode ioMode,
    Duration shutdownGrace,
    SerialOptions serial,
    @Nullable Integer udpPort,
    DecodeLevel decodeLevel,
    @Nullable FaultOptions faults,
    boolean help,
    int size,
    @Nullable ProfileOptions profile,
    @Nullable AdminOptions admin) {

  /** The simulator's default port: 5020, so it runs without the privileges port 502 needs. */
  public static final int DEFAULT_PORT = 5020;

  /** The unit served when no {@code --unit} is given. */
  public static final int DEFAULT_UNIT = 1;

  /** The default grace period for Ctrl-C. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

  /** Every table's addresses 0..65535, as without {@code --size}. */
  public static final int FULL_SIZE = 0x10000;

  /** Copies the unit set and checks that something is served. */
  public SimulatorOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(fill, "fill");
    Objects.requireNonNull(limitPolicy, "limitPolicy");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(ioMode, "ioMode");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(decodeLevel, "decodeLevel");
    units = Collections.unmodifiableSortedSet(new TreeSet<>(units));
    if (units.isEmpty()) {
      throw new IllegalArgumentException("at least one unit is needed");
    }
    if (size < 1 || size > FULL_SIZE) {
      throw new IllegalArgumentException("size " + size + " out of range 1..65536");
    }
    if (profile != null) {
      TreeSet<Integer> ids = new TreeSet<>();
      profile.content().units().forEach(u -> ids.add(u.id()));
      if (!ids.equals(units)) {
        throw new IllegalArgumentException("units " + units + " are not the profile's " + ids);
      }
    }
    if (udpPort != null && (udpPort < 0 || udpPort > 0xFFFF)) {
      throw new IllegalArgumentException("udpPort " + udpPort + " out of range 0..65535");
    }
    if (!help && !tcpEnabled && !serial.enabled() && udpPort == null) {
      throw new IllegalArgumentException(
          "no server: Modbus TCP is off and no serial or UDP transport is configured");
    }
  }

  /**
   * The options without an admin API.
   *
   * @param bindAddress where the TCP listeners listen
   * @param tcpEnabled whether the Modbus TCP server runs
   * @param port Modbus TCP port
   * @param units the unit ids served
   * @param fill what every unit's data model holds at start
   * @param maxConnections Modbus TCP connection limit
   * @param limitPolicy what happens beyond the limit
   * @param idleTimeout idle timeout
   * @param requestTimeout request timeout
   * @param ioMode how the Modbus TCP server reads connections
   * @param shutdownGrace how long Ctrl-C lets connections finish
   * @param serial the serial transports
   * @param udpPort the UDP port, null for none
   * @param decodeLevel what the servers log of their traffic
   * @param faults the faults, null for none
   * @param help whether help was asked for
   * @param size without a profile, the number of addresses of every table
   * @param profile the device profile, null for none
   */
  public SimulatorOptions(InetAddress bindAddress, boolean tcpEnabled, int port, SortedSet<Integer> units,
      DataFill fill, int maxConnections, ConnectionLimitPolicy limitPolicy, Duration idleTimeout,
      Duration requestTimeout, IoMode ioMode, Duration shutdownGrace, SerialOptions serial,
      @Nullable Integer udpPort, DecodeLevel decodeLevel, @Nullable FaultOptions faults, boolean help, int size,
      @Nullable ProfileOptions profile) {
    this(bindAddress, tcpEnabled, port, units, fill, maxConnections, limitPolicy, idleTimeout, requestTimeout,
        ioMode, shutdownGrace, serial, udpPort, decodeLevel, faults, help, size, profile, null);
  }

  /**
   * {@return these options with the admin API as given}
   *
   * @param admin the admin API, null for none
   */
  public SimulatorOptions withAdmin(@Nullable AdminOptions admin) {
    return new SimulatorOptions(bindAddress, tcpEnabled, port, units, fill, maxConnections, limitPolicy,
        idleTimeout, requestTimeout, ioMode, shutdownGrace, serial, udpPort, decodeLevel, faults, help, size,
        profile, admin);
  }

  /**
   * The options without a profile, every table over 0..65535.
   *
   * @param bindAddress where the TCP listeners listen
   * @param tcpEnabled whether the Modbus TCP server runs
   * @param port Modbus TCP port
   * @param units the unit ids served
   * @param fill what every unit's data model holds at start
   * @param maxConnections Modbus TCP connection limit
   * @param limitPolicy what happens beyond the limit
   * @param idleTimeout idle timeout
   * @param requestTimeout request timeout
   * @param ioMode how the Modbus TCP server reads connections
   * @param shutdownGrace how long Ctrl-C lets connections finish
   * @param serial the serial transports
   * @param udpPort the UDP port, null for none
   * @param decodeLevel what the servers log of their traffic
   * @param faults the faults, null for none
   * @param help whether help was asked for
   */
  public SimulatorOptions(InetAddress bindAddress, boolean tcpEnabled, int port, SortedSet<Integer> units,
      DataFill fill, int maxConnections, ConnectionLimitPolicy limitPolicy, Duration idleTimeout,
      Duration requestTimeout, IoMode ioMode, Duration shutdownGrace, SerialOptions serial,
      @Nullable Integer udpPort, DecodeLevel decodeLevel, @Nullable FaultOptions faults, boolean help) {
    this(bindAddress, tcpEnabled, port, units, fill, maxConnections, limitPolicy, idleTimeout, requestTimeout,
        ioMode, shutdownGrace, serial, udpPort, decodeLevel, faults, help, FULL_SIZE, null, null);
  }

  /**
   * The options without a fill: every data model starts at {@link DataFill#ZERO}.
   *
   * @param bindAddress the bind address
   * @param tcpEnabled the tcp enabled
   * @param port the TCP or UDP port (0 picks a free one)
   * @param units the units
   * @param maxConnections the max connections
   * @param limitPolicy the limit policy
   * @param idleTimeout the idle timeout
   * @param requestTimeout the request timeout
   * @param shutdownGrace the shutdown grace
   * @param serial the serial
   * @param faults the fault pipeline
   * @param help the help
   */
  public SimulatorOptions(InetAddress bindAddress, boolean tcpEnabled, int port, SortedSet<Integer> units,
      int maxConnections, ConnectionLimitPolicy limitPolicy, Duration idleTimeout, Duration requestTimeout,
      Duration shutdownGrace, SerialOptions serial, @Nullable FaultOptions faults, boolean help) {
    this(bindAddress, tcpEnabled, port, units, DataFill.ZERO, maxConnections, limitPolicy, idleTimeout,
        requestTimeout, IoMode.EVENT_LOOP, shutdownGrace, serial, null, DecodeLevel.NOTHING, faults, help);
  }

  /**
   * {@return the defaults: Modbus TCP on 127.0.0.1:5020, unit 1 with all-zero data, the server library's connection
   * settings, no faults}
   */
  public static SimulatorOptions defaults() {
    return new SimulatorOptions(InetAddress.getLoopbackAddress(), true, DEFAULT_PORT,
        new TreeSet<>(List.of(DEFAULT_UNIT)), DataFill.ZERO, ModbusTcpServer.Builder.DEFAULT_MAX_CONNECTIONS,
        ConnectionLimitPolicy.REFUSE, ModbusTcpServer.Builder.DEFAULT_IDLE_TIMEOUT,
        ModbusTcpServer.Builder.DEFAULT_REQUEST_TIMEOUT, IoMode.EVENT_LOOP, DEFAULT_SHUTDOWN_GRACE, SerialOptions.none(), null,
        DecodeLevel.NOTHING, null, false);
  }

  /** {@return the text of {@code --help}} */
  public static String usage() {
    return Usage.TEXT;
  }

  /**
   * Parses a command line. A fault file named by {@code --faults} is read and checked here, so a bad one is a
   * command line error too.
   *
   * @param args the args
   * @return the {@code SimulatorOptions}
   * @throws UsageException for an unknown option, a missing or invalid value, a repeated option, options that do
   *     not go together, or a fault file that cannot be read or is invalid (the message names the field)
   */
  public static SimulatorOptions parse(String... args) throws UsageException {
    return OptionParser.parse(args);
  }
}
