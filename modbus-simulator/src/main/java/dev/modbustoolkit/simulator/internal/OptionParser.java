package dev.modbustoolkit.simulator.internal;

import dev.modbustoolkit.fault.config.FaultFile;
import dev.modbustoolkit.simulator.profile.DeviceProfile;
import dev.modbustoolkit.serial.Parity;
import dev.modbustoolkit.serial.RtuTiming;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.serial.StopBits;
import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;
import dev.modbustoolkit.server.tcp.IoMode;
import dev.modbustoolkit.transport.DecodeLevel;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.simulator.AdminOptions;
import dev.modbustoolkit.simulator.DataFill;
import dev.modbustoolkit.simulator.FaultOptions;
import dev.modbustoolkit.simulator.ProfileOptions;
import dev.modbustoolkit.simulator.SerialOptions;
import dev.modbustoolkit.simulator.SimulatorOptions;
import dev.modbustoolkit.simulator.UsageException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Turns a command line into {@link SimulatorOptions}: first collects the options (each at most once, except
 * {@code --unit}), then converts and cross-checks them, so a message can say which options do not go together.
 *
 * <p>Why this file is a little over 400 lines: the cross-checks span every transport (serial settings without
 * {@code --rtu}, TCP settings with {@code --no-tcp}, the admin API's options), so they read the one map of collected
 * options; split per transport, each part would need that map and the other parts' decisions passed in.
 */
public final class OptionParser {
  private static final Set<String> WITH_VALUE = Set.of("--bind", "--port", "--unit", "--max-connections",
      "--connection-limit-policy", "--idle-timeout", "--request-timeout", "--shutdown-grace", "--rtu", "--baud",
      "--parity", "--data-bits", "--stop-bits", "--rtu-tolerance-ms", "--rtu-over-tcp", "--faults", "--seed",
      "--fill", "--io", "--udp", "--decode", "--profile", "--size", "--admin", "--admin-bind", "--admin-token");
  private static final Set<String> FLAGS = Set.of("--no-tcp", "--ascii", "--rtu-strict");
  /** Settings of the Modbus TCP server alone: meaningless with --no-tcp. */
  private static final List<String> TCP_SERVER_OPTIONS = List.of("--port", "--max-connections",
      "--connection-limit-policy", "--idle-timeout", "--request-timeout", "--io");
  /** Settings of the serial device alone: meaningless without --rtu. */
  private static final List<String> SERIAL_LINE_OPTIONS =
      List.of("--baud", "--parity", "--data-bits", "--stop-bits", "--rtu-tolerance-ms");
  private static final int MAX_TOLERANCE_MILLIS = 10_000;
  /** Random seeds are kept short enough to type back with --seed. */
  private static final long RANDOM_SEED_BOUND = 1_000_000_000L;

  private final Map<String, String> values = new HashMap<>();
  private final List<String> unitValues = new ArrayList<>();
  private final Set<String> flags = new HashSet<>();

  private OptionParser() {}

  /**
   * Parses a command line.
   *
   * @throws UsageException naming the option (and, for a bad fault file, the file and the field) at fault
   */
  public static SimulatorOptions parse(String... args) throws UsageException {
    OptionParser parser = new OptionParser();
    if (parser.collect(args)) {
      SimulatorOptions d = SimulatorOptions.defaults();
      return new SimulatorOptions(d.bindAddress(), d.tcpEnabled(), d.port(), d.units(), d.fill(),
          d.maxConnections(), d.limitPolicy(), d.idleTimeout(), d.requestTimeout(), d.ioMode(), d.shutdownGrace(),
          d.serial(), null, DecodeLevel.NOTHING,
          null, true);
    }
    return parser.build();
  }

  /** Records every option; true when help was asked for (which wins over everything after it). */
  private boolean collect(String[] args) throws UsageException {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String inlineValue = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inlineValue = arg.substring(eq + 1);
      }
      if (name.equals("-h") || name.equals("--help")) {
        return true;
      }
      if (FLAGS.contains(name)) {
        if (inlineValue != null) {
          throw new UsageException("option " + name + " takes no value");
        }
        if (!flags.add(name)) {
          throw new UsageException("option " + name + " given more than once");
        }
      } else if (WITH_VALUE.contains(name)) {
        String value;
        if (inlineValue != null) {
          value = inlineValue;
        } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
          value = args[++i];
        } else {
          throw new UsageException("option " + name + " needs a value");
        }
        if (name.equals("--unit")) {
          unitValues.add(value);
        } else if (values.putIfAbsent(name, value) != null) {
          throw new UsageException("option " + name + " given more than once");
        }
      } else if (arg.startsWith("-")) {
        throw new UsageException("unknown option " + name);
      } else {
        throw new UsageException("unexpected argument '" + arg + "' (options start with --)");
      }
    }
    return false;
  }

  private SimulatorOptions build() throws UsageException {
    SimulatorOptions d = SimulatorOptions.defaults();
    boolean tcp = !flags.contains("--no-tcp");
    InetAddress bind = values.containsKey("--bind") ? parseAddress("--bind", values.get("--bind")) : d.bindAddress();
    int port = intOption("--port", 0, 0xFFFF, d.port());
    TreeSet<Integer> units = new TreeSet<>();
    for (String value : unitValues) {
      int unit = parseInt("--unit", value, 1, 247);
      if (!units.add(unit)) {
        throw new UsageException("unit " + unit + " given more than once");
      }
    }
    if (units.isEmpty()) {
      units.add(SimulatorOptions.DEFAULT_UNIT);
    }
    DataFill fill = values.containsKey("--fill") ? parseFill(values.get("--fill")) : d.fill();
    int maxConnections =
        intOption("--max-connections", 1, ModbusTcpServer.Builder.MAX_MAX_CONNECTIONS, d.maxConnections());
    ConnectionLimitPolicy policy =
        values.containsKey("--connection-limit-policy")
            ? parsePolicy(values.get("--connection-limit-policy"))
            : d.limitPolicy();
    Duration idle = values.containsKey("--idle-timeout")
        ? Duration.ofSeconds(intOption("--idle-timeout", 0, 2_000_000, 0))
        : d.idleTimeout();
    Duration request = values.containsKey("--request-timeout")
        ? Duration.ofMillis(intOption("--request-timeout", 0, Integer.MAX_VALUE, 0))
        : d.requestTimeout();
    IoMode ioMode = values.containsKey("--io") ? parseIoMode(values.get("--io")) : d.ioMode();
    Duration grace = values.containsKey("--shutdown-grace")
        ? Duration.ofSeconds(intOption("--shutdown-grace", 0, 3600, 0))
        : d.shutdownGrace();
    SerialOptions serial = serial();
    Integer udp = values.containsKey("--udp") ? intOption("--udp", 0, 0xFFFF, 0) : null;
    checkTransports(tcp, port, serial, udp);
    DecodeLevel decode = DecodeLevel.NOTHING;
    if (values.containsKey("--decode")) {
      try {
        decode = DecodeLevel.parse(values.get("--decode"));
      } catch (IllegalArgumentException e) {
        throw new UsageException("option --decode: " + e.getMessage());
      }
    }
    Long seedOption = values.containsKey("--seed") ? parseLong("--seed", values.get("--seed")) : null;
    FaultOptions faults = faults(seedOption);
    ProfileOptions profile = profile(seedOption);
    int size = intOption("--size", 1, SimulatorOptions.FULL_SIZE, SimulatorOptions.FULL_SIZE);
    if (profile != null) {
      for (String option : List.of("--unit", "--fill", "--size")) {
        if (option.equals("--unit") ? !unitValues.isEmpty() : values.containsKey(option)) {
          throw new UsageException("option " + option + " does not go with --profile: the profile says which "
              + "units there are and what their tables hold");
        }
      }
      units.clear();
      profile.content().units().forEach(u -> units.add(u.id()));
    }
    AdminOptions admin = admin();
    return new SimulatorOptions(bind, tcp, port, units, fill, maxConnections, policy, idle, request, ioMode, grace,
        serial, udp, decode, faults, false, size, profile, admin);
  }

  private @Nullable AdminOptions admin() throws UsageException {
    if (!values.containsKey("--admin")) {
      for (String option : List.of("--admin-bind", "--admin-token")) {
        if (values.containsKey(option)) {
          throw new UsageException("option " + option + " sets up the admin API: add --admin PORT");
        }
      }
      return null;
    }
    int port = intOption("--admin", 0, 0xFFFF, 0);
    InetAddress bind = values.containsKey("--admin-bind")
        ? parseAddress("--admin-bind", values.get("--admin-bind")) : InetAddress.getLoopbackAddress();
    String token = values.get("--admin-token");
    if (token != null) {
      token = token.strip();
      if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
        throw new UsageException("option --admin-token: the token must be printable ASCII without spaces");
      }
    }
    return new AdminOptions(port, bind, token);
  }

  private void checkTransports(boolean tcp, int port, SerialOptions serial, @Nullable Integer udp)
      throws UsageException {
    if (!tcp) {
      if (!serial.enabled() && udp == null) {
        throw new UsageException(
            "option --no-tcp leaves nothing to serve: add --rtu DEVICE, --rtu-over-tcp PORT or --udp PORT");
      }
      for (String option : TCP_SERVER_OPTIONS) {
        if (values.containsKey(option)) {
          throw new UsageException(
              "option " + option + " configures the Modbus TCP server, which --no-tcp turns off");
        }
      }
      if (values.containsKey("--bind") && serial.overTcpPort() == null && udp == null) {
        throw new UsageException(
            "option --bind: with --no-tcp there is no listener to bind (only --rtu-over-tcp or --udp would have one)");
      }
    }
    Integer overTcp = serial.overTcpPort();
    if (tcp && overTcp != null && overTcp != 0 && overTcp == port) {
      throw new UsageException("option --rtu-over-tcp: port " + port
          + " is already the Modbus TCP port (--port, default " + SimulatorOptions.DEFAULT_PORT + ")");
    }
  }

  private SerialOptions serial() throws UsageException {
    String device = values.get("--rtu");
    if (device != null) {
      device = device.strip();
      if (device.isEmpty()) {
        throw new UsageException("option --rtu: the device path is empty");
      }
    }
    Integer overTcp = values.containsKey("--rtu-over-tcp") ? intOption("--rtu-over-tcp", 0, 0xFFFF, 0) : null;
    boolean ascii = flags.contains("--ascii");
    if (ascii && device == null && overTcp == null) {
      throw new UsageException("option --ascii needs a serial transport: add --rtu DEVICE or --rtu-over-tcp PORT");
    }
    if (device == null) {
      for (String option : SERIAL_LINE_OPTIONS) {
        if (values.containsKey(option)) {
          throw new UsageException("option " + option + " sets up the serial device: add --rtu DEVICE");
        }
      }
    }
    boolean strict = flags.contains("--rtu-strict");
    if (strict && device == null) {
      throw new UsageException("option --rtu-strict sets up the serial device: add --rtu DEVICE");
    }
    if (strict && ascii) {
      throw new UsageException("option --rtu-strict is an RTU rule: it does not go with --ascii");
    }
    SerialMode mode = ascii ? SerialMode.ASCII : SerialMode.RTU;
    SerialLineSettings defaults = mode.defaultLineSettings();
    int baud = intOption("--baud", SerialLineSettings.MIN_BAUD_RATE, SerialLineSettings.MAX_BAUD_RATE,
        defaults.baudRate());
    Parity parity = values.containsKey("--parity") ? parseParity(values.get("--parity")) : defaults.parity();
    int dataBits = intOption("--data-bits", 7, 8, defaults.dataBits());
    if (mode == SerialMode.RTU && dataBits != 8) {
      throw new UsageException(
          "option --data-bits: RTU mode needs 8 data bits (7 data bits are for ASCII mode, --ascii)");
    }
    StopBits stopBits = StopBits.of(intOption("--stop-bits", 1, 2, defaults.stopBits().count()));
    Duration tolerance = values.containsKey("--rtu-tolerance-ms")
        ? Duration.ofMillis(intOption("--rtu-tolerance-ms", 0, MAX_TOLERANCE_MILLIS, 0))
        : RtuTiming.DEFAULT_TOLERANCE;
    return new SerialOptions(device, overTcp, mode, new SerialLineSettings(baud, dataBits, parity, stopBits),
        tolerance, strict);
  }

  private @Nullable ProfileOptions profile(@Nullable Long seedOption) throws UsageException {
    String file = values.get("--profile");
    if (file == null) {
      return null;
    }
    if (file.isBlank()) {
      throw new UsageException("option --profile: the file name is empty");
    }
    Path path;
    try {
      path = Path.of(file.strip());
    } catch (InvalidPathException e) {
      throw new UsageException("option --profile: '" + file + "' is not a file path: " + e.getReason());
    }
    DeviceProfile content = ProfileFiles.load(path);
    if (seedOption != null) {
      return new ProfileOptions(path, content, seedOption, FaultOptions.SeedSource.OPTION);
    }
    Long fileSeed = content.seed();
    if (fileSeed != null) {
      return new ProfileOptions(path, content, fileSeed, FaultOptions.SeedSource.FILE);
    }
    return new ProfileOptions(path, content, ThreadLocalRandom.current().nextLong(1, RANDOM_SEED_BOUND),
        FaultOptions.SeedSource.RANDOM);
  }

  private @Nullable FaultOptions faults(@Nullable Long seedOption) throws UsageException {
    String file = values.get("--faults");
    if (file == null) {
      if (seedOption != null && !values.containsKey("--profile")) {
        throw new UsageException("option --seed seeds the fault pipeline and the profile's moving values: add "
            + "--faults FILE or --profile FILE");
      }
      return null;
    }
    if (file.isBlank()) {
      throw new UsageException("option --faults: the file name is empty");
    }
    Path path;
    try {
      path = Path.of(file.strip());
    } catch (InvalidPathException e) {
      throw new UsageException("option --faults: '" + file + "' is not a file path: " + e.getReason());
    }
    FaultFile content = FaultFiles.load(path);
    if (seedOption != null) {
      return new FaultOptions(path, content, seedOption, FaultOptions.SeedSource.OPTION);
    }
    Long fileSeed = content.seed();
    if (fileSeed != null) {
      return new FaultOptions(path, content, fileSeed, FaultOptions.SeedSource.FILE);
    }
    return new FaultOptions(path, content, ThreadLocalRandom.current().nextLong(1, RANDOM_SEED_BOUND),
        FaultOptions.SeedSource.RANDOM);
  }

  private int intOption(String option, int min, int max, int absent) throws UsageException {
    String value = values.get(option);
    return value == null ? absent : parseInt(option, value, min, max);
  }

  private static int parseInt(String option, String value, int min, int max) throws UsageException {
    long n = parseLong(option, value);
    if (n < min || n > max) {
      throw new UsageException("option " + option + ": " + n + " is out of range " + min + ".." + max);
    }
    return (int) n;
  }

  private static long parseLong(String option, String value) throws UsageException {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("option " + option + ": '" + value + "' is not a whole number");
    }
  }

  private static InetAddress parseAddress(String option, String value) throws UsageException {
    String host = value.strip();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new UsageException("option " + option + ": the address is empty");
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new UsageException("option " + option + ": cannot resolve '" + value + "'");
    }
  }

  private static ConnectionLimitPolicy parsePolicy(String value) throws UsageException {
    String normalized = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (ConnectionLimitPolicy p : ConnectionLimitPolicy.values()) {
      if (p.name().equals(normalized)) {
        return p;
      }
    }
    throw new UsageException(
        "option --connection-limit-policy: '" + value + "' is not one of refuse, close-new, evict-oldest-idle");
  }

  private static IoMode parseIoMode(String value) throws UsageException {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "event-loop" -> IoMode.EVENT_LOOP;
      case "threads" -> IoMode.THREAD_PER_CONNECTION;
      default -> throw new UsageException("option --io: '" + value + "' is not one of event-loop, threads");
    };
  }

  private static DataFill parseFill(String value) throws UsageException {
    String normalized = value.strip().toUpperCase(Locale.ROOT);
    for (DataFill f : DataFill.values()) {
      if (f.name().equals(normalized)) {
        return f;
      }
    }
    throw new UsageException("option --fill: '" + value + "' is not one of zero, pattern");
  }

  private static Parity parseParity(String value) throws UsageException {
    try {
      return Parity.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("option --parity: '" + value + "' is not one of N, E, O (none, even, odd)");
    }
  }
}
