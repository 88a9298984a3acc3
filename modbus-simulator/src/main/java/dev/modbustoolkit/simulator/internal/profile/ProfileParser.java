package dev.modbustoolkit.simulator.internal.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modbustoolkit.registers.WordOrder;
import dev.modbustoolkit.simulator.profile.Access;
import dev.modbustoolkit.simulator.profile.BlockSpec;
import dev.modbustoolkit.simulator.profile.DeviceProfile;
import dev.modbustoolkit.simulator.profile.ProfileException;
import dev.modbustoolkit.simulator.profile.RegisterMap;
import dev.modbustoolkit.simulator.profile.Table;
import dev.modbustoolkit.simulator.profile.Transport;
import dev.modbustoolkit.simulator.profile.UnitProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a profile's tree into a {@link DeviceProfile}; every error names the field it is about. Points, values
 * and identification have readers of their own ({@link Points}, {@link ValueSpecs}, {@link Identifications}).
 */
public final class ProfileParser {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  /** A moving point without a tick of its own, in a profile without a default: once a second. */
  static final Duration DEFAULT_TICK = Duration.ofSeconds(1);

  private ProfileParser() {}

  /**
   * Parses {@code text} as JSON or YAML.
   *
   * @param text the profile
   * @param json JSON syntax rather than YAML
   * @param baseDir where relative file names (CSV playback) are resolved
   * @return the profile
   * @throws ProfileException naming the bad field
   */
  public static DeviceProfile parse(String text, boolean json, Path baseDir) {
    JsonNode root;
    try {
      root = (json ? JSON : YAML).readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
      throw new ProfileException("", where + "not valid " + (json ? "JSON" : "YAML") + ": "
          + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ProfileException("", "the file is empty (expected an object with 'units')");
    }
    Obj top = Obj.of(root, "");
    JsonNode seedNode = top.opt("seed");
    Long seed = seedNode == null ? null : Values.longValue(seedNode, "seed");
    JsonNode orderNode = top.opt("wordOrder");
    WordOrder order = orderNode == null ? WordOrder.ABCD : Values.enumValue(orderNode, "wordOrder", WordOrder.class);
    JsonNode tickNode = top.opt("tick");
    Duration tick = tickNode == null ? DEFAULT_TICK : Values.positiveDuration(tickNode, "tick");
    JsonNode sizeNode = top.opt("size");
    int size = sizeNode == null ? 0x10000 : Values.intValue(sizeNode, "size", 1, 0x10000);
    Defaults defaults = new Defaults(order, tick, size, baseDir);

    Map<String, RegisterMap> maps = new LinkedHashMap<>();
    JsonNode mapsNode = top.opt("maps");
    if (mapsNode != null) {
      Obj mapsObj = Obj.of(mapsNode, "maps");
      for (Iterator<String> it = mapsNode.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        JsonNode m = mapsObj.req(name);
        if (name.startsWith("units[")) {
          throw new ProfileException(mapsObj.pathOf(name), "map names starting with 'units[' are reserved");
        }
        maps.put(name, map(Obj.of(m, mapsObj.pathOf(name)), name, defaults, true));
      }
    }
    JsonNode unitsNode = Values.list(top.req("units"), "units", "units");
    top.done("a profile");
    if (unitsNode.isEmpty()) {
      throw new ProfileException("units", "at least one unit is needed");
    }
    List<UnitProfile> units = new ArrayList<>();
    Map<Integer, Integer> seen = new HashMap<>();
    for (int i = 0; i < unitsNode.size(); i++) {
      String path = "units[" + i + "]";
      Obj u = Obj.of(unitsNode.get(i), path);
      int id = Values.intValue(u.req("id"), u.pathOf("id"), 1, 247);
      Integer first = seen.putIfAbsent(id, i);
      if (first != null) {
        throw new ProfileException(u.pathOf("id"), "unit " + id + " appears twice (also units[" + first + "])");
      }
      JsonNode mapName = u.opt("map");
      String map;
      if (mapName != null) {
        map = Values.text(mapName, u.pathOf("map"));
        if (!maps.containsKey(map)) {
          throw new ProfileException(u.pathOf("map"), "no map '" + map + "' under maps (known: "
              + String.join(", ", maps.keySet()) + ")");
        }
        for (String own : List.of("wordOrder", "tables", "points", "size", "wholeValues")) {
          if (u.has(own)) {
            throw new ProfileException(u.pathOf(own), "a unit with 'map' takes its " + own + " from the map");
          }
        }
      } else {
        map = path;
        maps.put(map, map(u, map, defaults, false));
      }
      Set<Transport> transports = EnumSet.allOf(Transport.class);
      JsonNode transportsNode = u.opt("transports");
      if (transportsNode != null) {
        String tp = u.pathOf("transports");
        JsonNode list = Values.list(transportsNode, tp, "transports");
        if (list.isEmpty()) {
          throw new ProfileException(tp, "a unit needs at least one transport (leave the field out for all)");
        }
        transports = EnumSet.noneOf(Transport.class);
        for (int t = 0; t < list.size(); t++) {
          transports.add(Values.enumValue(list.get(t), tp + "[" + t + "]", Transport.class));
        }
      }
      JsonNode idNode = u.opt("identification");
      var identification = idNode == null ? null
          : Identifications.parse(Obj.of(idNode, u.pathOf("identification")));
      u.done("a unit");
      units.add(new UnitProfile(id, map, identification, transports));
    }
    return new DeviceProfile(seed, maps, units);
  }

  /** What a map takes from the profile when it does not say. */
  record Defaults(WordOrder wordOrder, Duration tick, int size, Path baseDir) {}

  /** Reads a map's own fields from {@code o} (a map under {@code maps}, or a unit with its own map). */
  private static RegisterMap map(Obj o, String name, Defaults defaults, boolean standalone) {
    JsonNode orderNode = o.opt("wordOrder");
    WordOrder order = orderNode == null ? defaults.wordOrder()
        : Values.enumValue(orderNode, o.pathOf("wordOrder"), WordOrder.class);
    JsonNode sizeNode = o.opt("size");
    int size = sizeNode == null ? defaults.size() : Values.intValue(sizeNode, o.pathOf("size"), 1, 0x10000);
    JsonNode tablesNode = o.opt("tables");
    if (tablesNode != null && sizeNode != null) {
      throw new ProfileException(o.pathOf("size"), "give either 'size' (every table 0..size-1) or 'tables'");
    }
    Map<Table, List<BlockSpec>> tables = tablesNode == null ? null : tables(Obj.of(tablesNode, o.pathOf("tables")));
    JsonNode pointsNode = o.opt("points");
    JsonNode wholeNode = o.opt("wholeValues");
    boolean whole = wholeNode == null || Values.booleanValue(wholeNode, o.pathOf("wholeValues"));
    if (standalone) {
      o.done("a map");
    }
    RegisterMap map = new RegisterMap(name, order, tables, size, List.of(), whole);
    var points = pointsNode == null ? List.<dev.modbustoolkit.simulator.profile.PointSpec>of()
        : Points.parse(Values.list(pointsNode, o.pathOf("points"), "points"), o.pathOf("points"), map, defaults);
    return new RegisterMap(name, order, tables, size, points, whole);
  }

  private static Map<Table, List<BlockSpec>> tables(Obj o) {
    Map<Table, List<BlockSpec>> tables = new EnumMap<>(Table.class);
    List<String> fields = new ArrayList<>();
    o.fieldNames().forEachRemaining(fields::add);
    for (String field : fields) {
      String path = o.pathOf(field);
      Table table = null;
      for (Table t : Table.values()) {
        if (Values.key(t.name()).equals(Values.key(field))) {
          table = t;
        }
      }
      if (table == null) {
        throw new ProfileException(path, "unknown table '" + field + "' (expected one of "
            + Values.names(Table.class) + ")");
      }
      if (tables.containsKey(table)) {
        throw new ProfileException(path, "table " + table.profileName() + " given twice");
      }
      JsonNode list = Values.list(o.req(field), path, "address blocks");
      List<BlockSpec> blocks = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        blocks.add(block(Obj.of(list.get(i), path + "[" + i + "]"), table, blocks));
      }
      tables.put(table, blocks);
    }
    return tables;
  }

  private static BlockSpec block(Obj o, Table table, List<BlockSpec> earlier) {
    int start = Values.intValue(o.req("start"), o.pathOf("start"), 0, 0xFFFF);
    int count = Values.intValue(o.req("count"), o.pathOf("count"), 1, 0x10000 - start);
    JsonNode accessNode = o.opt("access");
    Access access = accessNode == null ? Access.READ_WRITE
        : Values.enumValue(accessNode, o.pathOf("access"), Access.class);
    o.done("an address block");
    BlockSpec block = new BlockSpec(start, count, access);
    for (BlockSpec b : earlier) {
      if (block.start() <= b.last() && b.start() <= block.last()) {
        throw new ProfileException(o.path(), table.profileName() + " block " + start + ".." + block.last()
            + " overlaps block " + b.start() + ".." + b.last());
      }
    }
    return block;
  }
}
