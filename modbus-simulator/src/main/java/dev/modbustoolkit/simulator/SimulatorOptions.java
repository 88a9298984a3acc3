package dev.modbustoolkit.simulator;

import dev.modbustoolkit.server.tcp.ConnectionLimitPolicy;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The simulator's settings, parsed and validated from the command line.
 *
 * @param bindAddress where to listen
 * @param port TCP port, 0..65535 (0 = any free port)
 * @param units the unit ids served, ascending, each 1..247; each gets its own full data model
 * @param maxConnections connection limit
 * @param limitPolicy what happens beyond the limit
 * @param idleTimeout idle connections are closed after this (zero = never)
 * @param requestTimeout handlers overrunning it answer SERVER_DEVICE_BUSY (zero = no timeout)
 * @param shutdownGrace how long Ctrl-C lets connections finish
 * @param help whether {@code --help} was given (everything else is then ignored)
 */
public record SimulatorOptions(
    InetAddress bindAddress,
    int port,
    SortedSet<Integer> units,
    int maxConnections,
    ConnectionLimitPolicy limitPolicy,
    Duration idleTimeout,
    Duration requestTimeout,
    Duration shutdownGrace,
    boolean help) {

  /** The simulator's default port: 5020, so it runs without the privileges port 502 needs. */
  public static final int DEFAULT_PORT = 5020;

  /** The unit served when no {@code --unit} is given. */
  public static final int DEFAULT_UNIT = 1;

  /** The default grace period for Ctrl-C. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

  /** Copies the unit set and checks ranges. */
  public SimulatorOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(limitPolicy, "limitPolicy");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    units = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(units));
    if (units.isEmpty()) {
      throw new IllegalArgumentException("at least one unit is needed");
    }
  }

  /** The defaults: 127.0.0.1:5020, unit 1, the server library's connection settings. */
  public static SimulatorOptions defaults() {
    return new SimulatorOptions(InetAddress.getLoopbackAddress(), DEFAULT_PORT, new TreeSet<>(List.of(DEFAULT_UNIT)),
        ModbusTcpServer.Builder.DEFAULT_MAX_CONNECTIONS, ConnectionLimitPolicy.REFUSE,
        ModbusTcpServer.Builder.DEFAULT_IDLE_TIMEOUT, ModbusTcpServer.Builder.DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_SHUTDOWN_GRACE, false);
  }

  /** The text of {@code --help}. */
  public static String usage() {
    return """
        Usage: modbus-simulator [OPTIONS]

        Runs a simulated Modbus TCP device. Every unit has all four tables over addresses 0..65535 (coils,
        discrete inputs, holding registers, input registers), all zero at start; every coil and holding register
        is writable. Unit ids 0 and 255 reach the lowest configured unit (the server's own device).

        Options:
          --bind ADDRESS            IPv4 or IPv6 address to listen on (default 127.0.0.1; 0.0.0.0 or :: for
                                    all interfaces)
          --port N                  TCP port 0..65535 (default 5020; 0 picks a free port; 502 needs privileges)
          --unit ID                 serve unit ID, 1..247; repeat for several units (default: unit 1)
          --max-connections N       connections served at once, 1..1000000 (default 10000)
          --connection-limit-policy POLICY
                                    beyond the limit: refuse (wait in the backlog), close-new, evict-oldest-idle
                                    (default refuse)
          --idle-timeout SECONDS    close connections idle this long, 0 = never (default 300)
          --request-timeout MILLIS  answer SERVER_DEVICE_BUSY (0x06) when a request takes longer, 0 = no
                                    timeout (default 5000)
          --shutdown-grace SECONDS  on Ctrl-C, let connections finish for this long (default 5)
          -h, --help                show this help and exit

        Options take their value as the next argument or after '=' (--port=5021).
        Stop with Ctrl-C: the server stops accepting, answers requests in flight and closes connections.
        """;
  }

  /**
   * Parses a command line.
   *
   * @throws UsageException for an unknown option, a missing or invalid value, or a repeated option
   */
  public static SimulatorOptions parse(String... args) throws UsageException {
    SimulatorOptions d = defaults();
    InetAddress bind = d.bindAddress();
    int port = d.port();
    List<Integer> unitList = new ArrayList<>();
    int maxConnections = d.maxConnections();
    ConnectionLimitPolicy policy = d.limitPolicy();
    Duration idle = d.idleTimeout();
    Duration request = d.requestTimeout();
    Duration grace = d.shutdownGrace();
    List<String> seen = new ArrayList<>();
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
        return new SimulatorOptions(bind, port, new TreeSet<>(List.of(DEFAULT_UNIT)), maxConnections, policy, idle,
            request, grace, true);
      }
      if (!name.equals("--unit")) {
        if (seen.contains(name)) {
          throw new UsageException("option " + name + " given more than once");
        }
        seen.add(name);
      }
      switch (name) {
        case "--bind", "--port", "--unit", "--max-connections", "--connection-limit-policy", "--idle-timeout",
            "--request-timeout", "--shutdown-grace" -> {
          String value;
          if (inlineValue != null) {
            value = inlineValue;
          } else if (i + 1 < args.length) {
            value = args[++i];
          } else {
            throw new UsageException("option " + name + " needs a value");
          }
          switch (name) {
            case "--bind" -> bind = parseAddress(value);
            case "--port" -> port = parseInt(name, value, 0, 0xFFFF);
            case "--unit" -> {
              int unit = parseInt(name, value, 1, 247);
              if (unitList.contains(unit)) {
                throw new UsageException("unit " + unit + " given more than once");
              }
              unitList.add(unit);
            }
            case "--max-connections" ->
                maxConnections = parseInt(name, value, 1, ModbusTcpServer.Builder.MAX_MAX_CONNECTIONS);
            case "--connection-limit-policy" -> policy = parsePolicy(value);
            case "--idle-timeout" -> idle = Duration.ofSeconds(parseInt(name, value, 0, 2_000_000));
            case "--request-timeout" -> request = Duration.ofMillis(parseInt(name, value, 0, Integer.MAX_VALUE));
            case "--shutdown-grace" -> grace = Duration.ofSeconds(parseInt(name, value, 0, 3600));
            default -> throw new AssertionError(name);
          }
        }
        default -> {
          if (arg.startsWith("-")) {
            throw new UsageException("unknown option " + name);
          }
          throw new UsageException("unexpected argument '" + arg + "' (options start with --)");
        }
      }
    }
    SortedSet<Integer> units = new TreeSet<>(unitList.isEmpty() ? List.of(DEFAULT_UNIT) : unitList);
    return new SimulatorOptions(bind, port, units, maxConnections, policy, idle, request, grace, false);
  }

  private static int parseInt(String option, String value, int min, int max) throws UsageException {
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("option " + option + ": '" + value + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new UsageException("option " + option + ": " + n + " is out of range " + min + ".." + max);
    }
    return (int) n;
  }

  private static InetAddress parseAddress(String value) throws UsageException {
    String host = value.strip();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new UsageException("option --bind: the address is empty");
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new UsageException("option --bind: cannot resolve '" + value + "'");
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
}
