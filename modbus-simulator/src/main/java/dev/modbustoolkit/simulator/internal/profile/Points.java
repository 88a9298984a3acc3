package dev.modbustoolkit.simulator.internal.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modbustoolkit.registers.WordOrder;
import dev.modbustoolkit.simulator.profile.Access;
import dev.modbustoolkit.simulator.profile.BlockSpec;
import dev.modbustoolkit.simulator.profile.PointSpec;
import dev.modbustoolkit.simulator.profile.PointType;
import dev.modbustoolkit.simulator.profile.PointValue;
import dev.modbustoolkit.simulator.profile.ProfileException;
import dev.modbustoolkit.simulator.profile.RegisterMap;
import dev.modbustoolkit.simulator.profile.Table;
import dev.modbustoolkit.simulator.profile.ValueSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a map's points and checks them against the map: names unique, inside the table's blocks, not overlapping,
 * initial values that the type holds, setpoints that exist.
 */
final class Points {
  private static final List<String> TYPES = List.of("bool", "int16", "uint16", "int32", "uint32", "int64",
      "uint64", "float32", "float64", "string", "bitfield");

  private Points() {}

  static List<PointSpec> parse(JsonNode list, String path, RegisterMap map, ProfileParser.Defaults defaults) {
    List<PointSpec> points = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String p = path + "[" + i + "]";
      PointSpec point = point(Obj.of(list.get(i), p), map, defaults);
      Integer first = names.putIfAbsent(point.name(), i);
      if (first != null) {
        throw new ProfileException(p + ".name", "duplicate name '" + point.name() + "' (also " + path + "["
            + first + "])");
      }
      BlockSpec block = inBlocks(point, map, p);
      if (!list.get(i).hasNonNull("access") && block.access() != point.access()) {
        // A point without an access of its own takes its block's: a read-only block stays read-only.
        point = new PointSpec(point.name(), point.table(), point.address(), point.type(), point.wordOrder(),
            point.scale(), point.offset(), point.unit(), block.access(), point.initial(), point.value(),
            point.tick());
      }
      for (int j = 0; j < points.size(); j++) {
        PointSpec other = points.get(j);
        if (other.table() == point.table() && point.address() <= other.lastAddress()
            && other.address() <= point.lastAddress()) {
          throw new ProfileException(p + ".address", point.table().profileName() + " " + range(point)
              + " overlaps point '" + other.name() + "' at " + range(other) + " (" + paths.get(j) + ")");
        }
      }
      points.add(point);
      paths.add(p);
    }
    for (int i = 0; i < points.size(); i++) {
      if (points.get(i).value() instanceof ValueSpec.FirstOrderLag lag) {
        String p = paths.get(i) + ".value.setpoint";
        Integer sp = names.get(lag.setpoint());
        if (sp == null) {
          throw new ProfileException(p, "no point named '" + lag.setpoint() + "' in this map");
        }
        if (points.get(sp).type() instanceof PointType.StringType) {
          throw new ProfileException(p, "setpoint '" + lag.setpoint() + "' is a string point");
        }
        if (sp == i) {
          throw new ProfileException(p, "a point cannot be its own setpoint");
        }
      }
    }
    return points;
  }

  private static String range(PointSpec p) {
    return p.address() == p.lastAddress() ? String.valueOf(p.address()) : p.address() + ".." + p.lastAddress();
  }

  private static BlockSpec inBlocks(PointSpec point, RegisterMap map, String path) {
    for (BlockSpec b : map.blocks(point.table())) {
      if (point.address() >= b.start() && point.lastAddress() <= b.last()) {
        return b;
      }
    }
    throw new ProfileException(path + ".address", point.table().profileName() + " " + range(point)
        + " is not inside one address block of the table (" + describe(map.blocks(point.table())) + ")");
  }

  private static String describe(List<BlockSpec> blocks) {
    if (blocks.isEmpty()) {
      return "it has none";
    }
    List<String> out = new ArrayList<>();
    for (BlockSpec b : blocks) {
      out.add(b.start() + ".." + b.last());
    }
    return "blocks " + String.join(", ", out);
  }

  private static PointSpec point(Obj o, RegisterMap map, ProfileParser.Defaults defaults) {
    String name = Values.text(o.req("name"), o.pathOf("name")).strip();
    if (name.isEmpty()) {
      throw new ProfileException(o.pathOf("name"), "must not be empty");
    }
    Table table = Values.enumValue(o.req("table"), o.pathOf("table"), Table.class);
    int address = Values.intValue(o.req("address"), o.pathOf("address"), 0, 0xFFFF);
    PointType type = type(o, table);
    JsonNode orderNode = o.opt("wordOrder");
    // Text is laid out first character first (ABCD) unless the point says otherwise: the device's default is
    // about numbers, and devices that swap the words of a float rarely reverse their strings.
    WordOrder order = orderNode != null ? Values.enumValue(orderNode, o.pathOf("wordOrder"), WordOrder.class)
        : type instanceof PointType.StringType ? WordOrder.ABCD : map.wordOrder();
    JsonNode scaleNode = o.opt("scale");
    double scale = scaleNode == null ? 1 : Values.doubleValue(scaleNode, o.pathOf("scale"));
    if (scale == 0) {
      throw new ProfileException(o.pathOf("scale"), "must not be 0");
    }
    JsonNode offsetNode = o.opt("offset");
    double offset = offsetNode == null ? 0 : Values.doubleValue(offsetNode, o.pathOf("offset"));
    JsonNode unitNode = o.opt("unit");
    String unit = unitNode == null ? "" : Values.text(unitNode, o.pathOf("unit"));
    JsonNode accessNode = o.opt("access");
    Access access = accessNode == null ? Access.READ_WRITE
        : Values.enumValue(accessNode, o.pathOf("access"), Access.class);
    JsonNode tickNode = o.opt("tick");
    Duration tick = tickNode == null ? defaults.tick() : Values.positiveDuration(tickNode, o.pathOf("tick"));
    PointValue initial = initial(o, type, scale, offset);
    JsonNode valueNode = o.opt("value");
    ValueSpec value = null;
    if (valueNode != null) {
      if (type instanceof PointType.StringType) {
        throw new ProfileException(o.pathOf("value"), "a string point does not move (give it an initial value)");
      }
      value = ValueSpecs.parse(Obj.of(valueNode, o.pathOf("value")), defaults.baseDir());
    }
    o.done("a point");
    if (address + type.width() > 0x10000) {
      throw new ProfileException(o.pathOf("address"), "address " + address + " with " + type.width()
          + " registers leaves 0..65535");
    }
    return new PointSpec(name, table, address, type, order, scale, offset, unit, access, initial, value, tick);
  }

  private static PointType type(Obj o, Table table) {
    String typePath = o.pathOf("type");
    String text = Values.text(o.req("type"), typePath).strip().toLowerCase(java.util.Locale.ROOT);
    if (!TYPES.contains(text)) {
      throw new ProfileException(typePath, "unknown type '" + text + "' (expected one of " + TYPES + ")");
    }
    JsonNode lengthNode = o.opt("length");
    JsonNode bitsNode = o.opt("bits");
    if (lengthNode != null && !text.equals("string")) {
      throw new ProfileException(o.pathOf("length"), "only a string point has a length");
    }
    if (bitsNode != null && !text.equals("bitfield")) {
      throw new ProfileException(o.pathOf("bits"), "only a bitfield point names bits");
    }
    PointType type = switch (text) {
      case "bool" -> new PointType.BoolType();
      case "string" -> {
        if (lengthNode == null) {
          throw new ProfileException(o.pathOf("length"), "missing (a string point needs its length in characters)");
        }
        yield new PointType.StringType(Values.intValue(lengthNode, o.pathOf("length"), 1, 250));
      }
      case "bitfield" -> new PointType.BitfieldType(bits(bitsNode, o.pathOf("bits")));
      default -> new PointType.NumberType(PointType.NumberFormat.valueOf(text.toUpperCase(java.util.Locale.ROOT)));
    };
    if (table.isBits() != (type instanceof PointType.BoolType)) {
      throw new ProfileException(typePath, table.isBits()
          ? "a point in " + table.profileName() + " must be of type bool, not " + text
          : "type bool is for coils and discrete-inputs, not " + table.profileName());
    }
    return type;
  }

  private static Map<String, Integer> bits(JsonNode node, String path) {
    Map<String, Integer> bits = new LinkedHashMap<>();
    if (node == null) {
      return bits;
    }
    Obj o = Obj.of(node, path);
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      bits.put(name, Values.intValue(o.req(name), o.pathOf(name), 0, 15));
    }
    return bits;
  }

  private static PointValue initial(Obj o, PointType type, double scale, double offset) {
    String path = o.pathOf("initial");
    JsonNode n = o.opt("initial");
    if (type instanceof PointType.StringType s) {
      String text = n == null ? "" : Values.text(n, path);
      if (text.length() > s.length()) {
        throw new ProfileException(path, "'" + text + "' is longer than the point's " + s.length() + " characters");
      }
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) > 0xFF) {
          throw new ProfileException(path, "character '" + text.charAt(i) + "' is not ISO-8859-1");
        }
      }
      return PointValue.of(text);
    }
    double value = 0;
    if (n != null) {
      value = type instanceof PointType.BoolType && n.isBoolean() ? (n.asBoolean() ? 1 : 0)
          : Values.doubleValue(n, path);
    }
    String problem = PointRange.problem(type, (value - offset) / scale);
    if (problem != null) {
      throw new ProfileException(path, "value " + n + ": " + problem);
    }
    return PointValue.of(value);
  }
}
