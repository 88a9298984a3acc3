package dev.modbustoolkit.gateway;

import dev.modbustoolkit.fault.config.Durations;
import dev.modbustoolkit.fault.config.FaultFileException;
import dev.modbustoolkit.server.core.UnknownUnitPolicy;
import dev.modbustoolkit.transport.DecodeLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's command line, parsed and checked: every option at most once, values converted, and the message of
 * a {@link GatewayUsageException} naming the option.
 *
 * @param listenHost the upstream Modbus TCP listener's address (also the UDP listener's)
 * @param listenPort its port (0: any free port)
 * @param listenFraming its framing: mbap, rtu or ascii
 * @param tcpListener whether the TCP listener runs: always, unless a serial upstream is given without {@code --listen}
 * @param udpPort a Modbus over UDP listener's port, or -1 for none
 * @param serialUpstream a serial line the gateway serves as a device (a master on that line reaches the downstream
 *     links), or null
 * @param unrouted what a unit no route covers gets: 0x0A, or nothing when the gateway is on a serial line
 * @param downstreams the downstream links of the options (empty with a routes file)
 * @param routesFile a routes file, or null
 * @param timeout each downstream attempt's deadline
 * @param retries retries of reads
 * @param queueLimit requests queued per link before 0x06
 * @param cacheTtl the read cache's time-to-live, zero for none
 * @param quarantineAfter timeouts in a row that quarantine a device, 0 for never
 * @param quarantineFor how long a quarantine lasts
 * @param passThrough whether requests the decoder rejects are forwarded too
 * @param faultsFile a fault file for the upstream side, or null
 * @param decode the decode logging layers
 * @param frameGap the silence before each request on a serial downstream, or null for the spec's t3.5
 */
public record GatewayOptions(
    String listenHost,
    int listenPort,
    String listenFraming,
    boolean tcpListener,
    int udpPort,
    @Nullable SerialUpstream serialUpstream,
    UnknownUnitPolicy unrouted,
    List<DownstreamSpec> downstreams,
    @Nullable Path routesFile,
    Duration timeout,
    int retries,
    int queueLimit,
    Duration cacheTtl,
    int quarantineAfter,
    Duration quarantineFor,
    boolean passThrough,
    @Nullable Path faultsFile,
    DecodeLevel decode,
    @Nullable Duration frameGap) {

  /**
   * One downstream link as the command line or a routes file names it.
   *
   * @param name its name in routes
   * @param kind tcp, rtu-over-tcp, ascii-over-tcp, rtu or ascii
   * @param target host:port, or a serial device path
   * @param baud the serial line's baud rate
   * @param parity N, E or O
   * @param stopBits 1 or 2
   */
  public record DownstreamSpec(String name, String kind, String target, int baud, String parity, int stopBits) {}

  /**
   * The serial line the gateway listens on as a device.
   *
   * @param mode rtu or ascii
   * @param device the serial device path
   * @param baud the baud rate
   * @param parity N, E or O
   * @param stopBits 1 or 2
   */
  public record SerialUpstream(String mode, String device, int baud, String parity, int stopBits) {}

  private static final Set<String> WITH_VALUE = Set.of("--listen", "--listen-framing", "--udp", "--to-tcp",
      "--to-rtu-over-tcp", "--to-ascii-over-tcp", "--rtu", "--ascii", "--baud", "--parity", "--stop-bits",
      "--timeout", "--retries", "--routes", "--queue", "--cache-ttl", "--quarantine-after", "--quarantine-for",
      "--faults", "--decode", "--frame-gap", "--listen-rtu", "--listen-ascii", "--listen-baud",
      "--listen-parity", "--listen-stop-bits", "--unrouted");
  private static final Set<String> FLAGS = Set.of("--pass-through");
  private static final List<String> SERIAL_UPSTREAM_OPTIONS = List.of("--listen-rtu", "--listen-ascii");
  private static final List<String> DOWNSTREAM_OPTIONS =
      List.of("--to-tcp", "--to-rtu-over-tcp", "--to-ascii-over-tcp", "--rtu", "--ascii");

  /**
   * {@return the options of {@code args}}
   *
   * @param args the command line, without {@code --help}
   * @throws GatewayUsageException naming the option that is unknown, repeated, missing its value or out of range
   */
  public static GatewayOptions parse(String... args) {
    Map<String, String> v = new HashMap<>();
    Set<String> flags = new java.util.HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (FLAGS.contains(a)) {
        flags.add(a);
        continue;
      }
      if (!WITH_VALUE.contains(name)) {
        throw new GatewayUsageException("unknown option '" + a + "' (see --help)");
      }
      String value;
      if (a.contains("=")) {
        value = a.substring(a.indexOf('=') + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new GatewayUsageException("option " + name + " needs a value");
      }
      if (v.put(name, value) != null) {
        throw new GatewayUsageException("option " + name + " is given twice");
      }
    }
    String[] listen = hostPort(v.getOrDefault("--listen", "127.0.0.1:5020"), "--listen", true);
    String framing = v.getOrDefault("--listen-framing", "mbap");
    if (!List.of("mbap", "rtu", "ascii").contains(framing)) {
      throw new GatewayUsageException("--listen-framing '" + framing + "' is not one of mbap, rtu, ascii");
    }
    SerialUpstream serialUpstream = serialUpstream(v);
    boolean tcpListener = serialUpstream == null || v.containsKey("--listen");
    if (!tcpListener && v.containsKey("--listen-framing")) {
      throw new GatewayUsageException("--listen-framing is for the TCP listener: give --listen HOST:PORT too");
    }
    UnknownUnitPolicy unrouted = unrouted(v.get("--unrouted"), serialUpstream != null);
    int udp = v.containsKey("--udp") ? integer(v.get("--udp"), "--udp", 0, 65535) : -1;
    List<String> given = DOWNSTREAM_OPTIONS.stream().filter(v::containsKey).toList();
    Path routes = v.containsKey("--routes") ? Path.of(v.get("--routes")) : null;
    if (routes == null && given.isEmpty()) {
      throw new GatewayUsageException("no downstream: give one of " + String.join(", ", DOWNSTREAM_OPTIONS)
          + " or --routes FILE");
    }
    if (given.size() > 1 || routes != null && !given.isEmpty()) {
      throw new GatewayUsageException("give one downstream option or --routes, not "
          + String.join(" and ", routes == null ? given : append(given, "--routes")));
    }
    List<DownstreamSpec> downstreams = new ArrayList<>();
    if (!given.isEmpty()) {
      String option = given.get(0);
      String kind = option.substring(option.startsWith("--to-") ? 5 : 2);
      String target = v.get(option);
      boolean serial = kind.equals("rtu") || kind.equals("ascii");
      if (!serial) {
        hostPort(target, option, false);
      } else if (target.isBlank()) {
        throw new GatewayUsageException(option + " needs a serial device path");
      }
      for (String lineOption : List.of("--baud", "--parity", "--stop-bits", "--frame-gap")) {
        if (!serial && v.containsKey(lineOption)) {
          throw new GatewayUsageException(lineOption + " is a serial line setting: it needs --rtu or --ascii");
        }
      }
      if (serial && serialUpstream != null && serialUpstream.device().equals(target)) {
        throw new GatewayUsageException(option + " " + target + " is the serial upstream's device too");
      }
      Line line = line(v, "--");
      downstreams.add(new DownstreamSpec("default", kind, target, line.baud(), line.parity(), line.stopBits()));
    }
    return new GatewayOptions(listen[0], Integer.parseInt(listen[1]), framing, tcpListener, udp, serialUpstream,
        unrouted, List.copyOf(downstreams), routes,
        duration(v.getOrDefault("--timeout", "1s"), "--timeout", true),
        v.containsKey("--retries") ? integer(v.get("--retries"), "--retries", 0, 100) : 0,
        v.containsKey("--queue") ? integer(v.get("--queue"), "--queue", 1, 100_000) : 64,
        duration(v.getOrDefault("--cache-ttl", "0"), "--cache-ttl", false),
        v.containsKey("--quarantine-after") ? integer(v.get("--quarantine-after"), "--quarantine-after", 0, 1000) : 3,
        duration(v.getOrDefault("--quarantine-for", "10s"), "--quarantine-for", false),
        flags.contains("--pass-through"),
        v.containsKey("--faults") ? Path.of(v.get("--faults")) : null,
        decode(v.getOrDefault("--decode", "")),
        v.containsKey("--frame-gap") ? duration(v.get("--frame-gap"), "--frame-gap", false) : null);
  }

  private static @Nullable SerialUpstream serialUpstream(Map<String, String> v) {
    List<String> given = SERIAL_UPSTREAM_OPTIONS.stream().filter(v::containsKey).toList();
    if (given.size() > 1) {
      throw new GatewayUsageException("give one serial upstream, not " + String.join(" and ", given));
    }
    if (given.isEmpty()) {
      for (String lineOption : List.of("--listen-baud", "--listen-parity", "--listen-stop-bits")) {
        if (v.containsKey(lineOption)) {
          throw new GatewayUsageException(lineOption + " is a serial line setting: it needs --listen-rtu or "
              + "--listen-ascii");
        }
      }
      return null;
    }
    String option = given.get(0);
    String device = v.get(option);
    if (device.isBlank()) {
      throw new GatewayUsageException(option + " needs a serial device path");
    }
    Line line = line(v, "--listen-");
    return new SerialUpstream(option.substring("--listen-".length()), device, line.baud(), line.parity(),
        line.stopBits());
  }

  /** A serial line's settings as options give them. */
  private record Line(int baud, String parity, int stopBits) {}

  /**
   * The line settings of the options starting with {@code prefix} ("--" downstream, "--listen-" upstream): 19200
   * baud, parity E (the spec's default for both modes) and 1 stop bit when not given.
   */
  private static Line line(Map<String, String> v, String prefix) {
    String baud = prefix + "baud";
    String parityOption = prefix + "parity";
    String stopBits = prefix + "stop-bits";
    String parity = v.getOrDefault(parityOption, "E").toUpperCase(java.util.Locale.ROOT);
    if (!List.of("N", "E", "O").contains(parity)) {
      throw new GatewayUsageException(parityOption + " '" + v.get(parityOption) + "' is not one of N, E, O");
    }
    return new Line(v.containsKey(baud) ? integer(v.get(baud), baud, 50, 4_000_000) : 19200, parity,
        v.containsKey(stopBits) ? integer(v.get(stopBits), stopBits, 1, 2) : 1);
  }

  private static UnknownUnitPolicy unrouted(@Nullable String text, boolean onASerialLine) {
    if (text == null) {
      return onASerialLine ? UnknownUnitPolicy.NO_RESPONSE : UnknownUnitPolicy.GATEWAY_PATH_UNAVAILABLE;
    }
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "0a", "0x0a" -> UnknownUnitPolicy.GATEWAY_PATH_UNAVAILABLE;
      case "0b", "0x0b" -> UnknownUnitPolicy.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND;
      case "none" -> UnknownUnitPolicy.NO_RESPONSE;
      default -> throw new GatewayUsageException("--unrouted '" + text + "' is not one of 0a, 0b, none");
    };
  }

  private static List<String> append(List<String> list, String more) {
    List<String> l = new ArrayList<>(list);
    l.add(more);
    return l;
  }

  private static DecodeLevel decode(String layers) {
    try {
      return layers.isEmpty() ? DecodeLevel.NOTHING : DecodeLevel.parse(layers);
    } catch (IllegalArgumentException e) {
      throw new GatewayUsageException("--decode: " + e.getMessage());
    }
  }

  static String[] hostPort(String text, String option, boolean portZeroAllowed) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new GatewayUsageException(option + " '" + text + "' is not HOST:PORT");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = integer(text.substring(colon + 1), option + " port", portZeroAllowed ? 0 : 1, 65535);
    return new String[] {host, Integer.toString(port)};
  }

  static int integer(String text, String option, int min, int max) {
    int value;
    try {
      value = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new GatewayUsageException(option + " '" + text + "' is not a whole number");
    }
    if (value < min || value > max) {
      throw new GatewayUsageException(option + " " + value + " is out of " + min + ".." + max);
    }
    return value;
  }

  static Duration duration(String text, String option, boolean positive) {
    Duration d;
    try {
      d = Durations.parse(text, option);
    } catch (FaultFileException e) {
      throw new GatewayUsageException(e.getMessage());
    }
    if (positive && d.isZero()) {
      throw new GatewayUsageException(option + " must be longer than 0");
    }
    return d;
  }
}
