package dev.modbustoolkit.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.modbustoolkit.gateway.GatewayOptions.DownstreamSpec;
import dev.modbustoolkit.server.core.UnitRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A gateway's routes file (YAML or JSON): the downstream links by name, the routes by unit range, and a default.
 *
 * <pre>{@code
 * downstreams:
 *   line1: {rtu: /dev/ttyUSB0, baud: 19200, parity: E, timeout: 500ms, retries: 1}
 *   plc:   {tcp: 127.0.0.1:5021}
 * routes:
 *   - {units: 1-10, to: line1}
 *   - {units: 20, to: plc, as: 1}      # upstream unit 20 is unit 1 on the PLC's link
 * default: line1
 * }</pre>
 *
 * Errors name the field ({@code routes[1].units}).
 *
 * @param downstreams the links, each with its own timeout and retries (null: the command line's)
 * @param routes the routes in file order
 * @param defaultDownstream the default route's link, or null
 */
public record RoutesFile(List<Link> downstreams, List<GatewayRoute> routes, @Nullable String defaultDownstream) {

  /**
   * One link of the file.
   *
   * @param spec what it connects to
   * @param timeout its timeout, or null for the command line's
   * @param retries its retries of reads, or -1 for the command line's
   */
  public record Link(DownstreamSpec spec, @Nullable Duration timeout, int retries) {}

  private static final Set<String> KINDS = Set.of("tcp", "rtu-over-tcp", "ascii-over-tcp", "rtu", "ascii");
  private static final Set<String> LINK_KEYS =
      Set.of("tcp", "rtu-over-tcp", "ascii-over-tcp", "rtu", "ascii", "baud", "parity", "stop-bits", "timeout",
          "retries");

  /**
   * {@return the routes file at {@code path}}
   *
   * @param path a .yaml, .yml or .json file
   * @throws GatewayUsageException naming the file and field when it cannot be read or is wrong
   */
  public static RoutesFile load(Path path) {
    JsonNode root;
    try {
      String text = Files.readString(path);
      ObjectMapper mapper = path.toString().endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new GatewayUsageException(path + ": not valid YAML/JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new GatewayUsageException(path + ": cannot read: " + e.getMessage());
    }
    try {
      return parse(root);
    } catch (GatewayUsageException e) {
      throw new GatewayUsageException(path + ": " + e.getMessage());
    }
  }

  static RoutesFile parse(@Nullable JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new GatewayUsageException("expected a mapping with downstreams, routes and default");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!Set.of("downstreams", "routes", "default").contains(key)) {
        throw new GatewayUsageException(key + ": unknown field (expected downstreams, routes, default)");
      }
    }
    JsonNode links = root.get("downstreams");
    if (links == null || !links.isObject() || links.isEmpty()) {
      throw new GatewayUsageException("downstreams: expected a mapping of at least one link name to its settings");
    }
    List<Link> downstreams = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = links.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      downstreams.add(link(e.getKey(), e.getValue(), "downstreams." + e.getKey()));
    }
    Set<String> names = new java.util.HashSet<>();
    downstreams.forEach(l -> names.add(l.spec().name()));
    List<GatewayRoute> routes = new ArrayList<>();
    JsonNode list = root.get("routes");
    if (list != null) {
      if (!list.isArray()) {
        throw new GatewayUsageException("routes: expected a list");
      }
      for (int i = 0; i < list.size(); i++) {
        routes.add(route(list.get(i), "routes[" + i + "]", names));
      }
    }
    String def = null;
    JsonNode d = root.get("default");
    if (d != null) {
      def = d.asText();
      if (!names.contains(def)) {
        throw new GatewayUsageException("default: '" + def + "' is not a downstream (there are " + names + ")");
      }
    }
    if (routes.isEmpty() && def == null) {
      throw new GatewayUsageException("routes: no route and no default: nothing would be forwarded");
    }
    return new RoutesFile(List.copyOf(downstreams), List.copyOf(routes), def);
  }

  private static Link link(String name, JsonNode n, String path) {
    if (!n.isObject()) {
      throw new GatewayUsageException(path + ": expected a mapping such as {tcp: 127.0.0.1:5021}");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!LINK_KEYS.contains(key)) {
        throw new GatewayUsageException(path + "." + key + ": unknown field (expected one of " + KINDS
            + " and baud, parity, stop-bits, timeout, retries)");
      }
    }
    List<String> kinds = KINDS.stream().filter(n::has).sorted().toList();
    if (kinds.size() != 1) {
      throw new GatewayUsageException(path + ": give exactly one of " + KINDS + ", not " + kinds);
    }
    String kind = kinds.get(0);
    String target = n.get(kind).asText();
    boolean serial = kind.equals("rtu") || kind.equals("ascii");
    if (!serial) {
      GatewayOptions.hostPort(target, path + "." + kind, false);
    }
    int baud = n.has("baud") ? GatewayOptions.integer(n.get("baud").asText(), path + ".baud", 50, 4_000_000) : 19200;
    String parity = n.has("parity") ? n.get("parity").asText().toUpperCase(java.util.Locale.ROOT) : "E";
    if (!List.of("N", "E", "O").contains(parity)) {
      throw new GatewayUsageException(path + ".parity: '" + parity + "' is not one of N, E, O");
    }
    int stop = n.has("stop-bits") ? GatewayOptions.integer(n.get("stop-bits").asText(), path + ".stop-bits", 1, 2) : 1;
    Duration timeout = n.has("timeout") ? GatewayOptions.duration(n.get("timeout").asText(), path + ".timeout", true)
        : null;
    int retries = n.has("retries") ? GatewayOptions.integer(n.get("retries").asText(), path + ".retries", 0, 100) : -1;
    return new Link(new DownstreamSpec(name, kind, target, baud, parity, stop), timeout, retries);
  }

  private static GatewayRoute route(JsonNode n, String path, Set<String> names) {
    if (!n.isObject() || !n.has("units") || !n.has("to")) {
      throw new GatewayUsageException(path + ": expected {units: 1-10, to: LINK} (and optionally as: FIRST)");
    }
    UnitRange units = units(n.get("units").asText(), path + ".units");
    String to = n.get("to").asText();
    if (!names.contains(to)) {
      throw new GatewayUsageException(path + ".to: '" + to + "' is not a downstream (there are " + names + ")");
    }
    int first = n.has("as") ? GatewayOptions.integer(n.get("as").asText(), path + ".as", 1, 247) : units.first();
    try {
      return new GatewayRoute(units, to, first);
    } catch (IllegalArgumentException e) {
      throw new GatewayUsageException(path + ": " + e.getMessage());
    }
  }

  static UnitRange units(String text, String path) {
    String[] parts = text.strip().split("\\s*-\\s*", 2);
    int first = GatewayOptions.integer(parts[0], path, 1, 247);
    int last = parts.length == 2 ? GatewayOptions.integer(parts[1], path, 1, 247) : first;
    if (last < first) {
      throw new GatewayUsageException(path + ": '" + text + "' ends before it starts");
    }
    return UnitRange.of(first, last);
  }
}
