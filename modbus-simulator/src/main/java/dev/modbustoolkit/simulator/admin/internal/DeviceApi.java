package dev.modbustoolkit.simulator.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.simulator.Simulator;
import dev.modbustoolkit.simulator.SimulatorTotals;
import dev.modbustoolkit.simulator.model.Point;
import dev.modbustoolkit.simulator.model.SimulatedUnit;
import dev.modbustoolkit.simulator.model.Snapshot;
import dev.modbustoolkit.simulator.profile.Identification;
import dev.modbustoolkit.simulator.profile.Table;
import dev.modbustoolkit.simulator.profile.Transport;
import dev.modbustoolkit.simulator.profile.UnitProfile;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The device: units and counters, points by name, raw tables, reset, snapshot and restore. */
public final class DeviceApi {
  /** The most addresses one raw read or write may cover. */
  static final int MAX_COUNT = 2000;

  private final Simulator simulator;

  /**
   * The device routes of {@code simulator}.
   *
   * @param simulator the simulator
   */
  public DeviceApi(Simulator simulator) {
    this.simulator = simulator;
  }

  /**
   * Adds the routes.
   *
   * @param routes where
   */
  public void register(Routes routes) {
    routes.add("GET", "/api/device", this::device)
        .add("GET", "/api/units/{unit}/points", this::points)
        .add("GET", "/api/units/{unit}/points/{name}", this::point)
        .add("PUT", "/api/units/{unit}/points/{name}", this::writePoint)
        .add("GET", "/api/units/{unit}/{table}", this::readTable)
        .add("PUT", "/api/units/{unit}/{table}", this::writeTable)
        .add("POST", "/api/reset", this::reset)
        .add("GET", "/api/snapshot", this::snapshot)
        .add("PUT", "/api/snapshot", this::restore);
  }

  private void device(ServerRequest req, ServerResponse res) {
    List<Object> units = new ArrayList<>();
    for (UnitProfile u : simulator.device().profile().units()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", u.id());
      m.put("name", name(u));
      m.put("map", u.map());
      List<String> transports = new ArrayList<>();
      for (Transport t : Transport.values()) {
        if (running(t) && simulator.units(t).contains(u.id())) {
          transports.add(Names.of(t));
        }
      }
      m.put("transports", transports);
      units.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("units", units);
    body.put("counters", counters());
    Json.ok(res, body);
  }

  private boolean running(Transport t) {
    return switch (t) {
      case TCP -> simulator.tcpServer().isPresent();
      case RTU_OVER_TCP -> simulator.rtuOverTcpServer().isPresent();
      case UDP -> simulator.udpServer().isPresent();
      case SERIAL -> simulator.rtuServer().isPresent();
    };
  }

  /**
   * The product name or code of the identification, else the name of a shared map ("meter"), else null: a unit's
   * own map is named after its place in the profile ("units[2]"), which says nothing a client can show.
   */
  private static @Nullable String name(UnitProfile u) {
    Identification id = u.identification();
    if (id != null) {
      String name = id.objects().getOrDefault(4, id.objects().get(1));
      if (name != null) {
        return name;
      }
    }
    return u.map().startsWith("units[") ? null : u.map();
  }

  private Map<String, Object> counters() {
    SimulatorTotals t = simulator.totals();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("connections", t.activeConnections());
    m.put("requests", t.requests());
    m.put("exceptions", t.exceptions());
    // A request a fault answers never reaches a device's dispatcher: the faults' own counters say how many fired.
    m.put("faultsFired", t.faultsFired());
    m.put("bytesIn", t.bytesIn());
    m.put("bytesOut", t.bytesOut());
    return m;
  }

  private SimulatedUnit unit(ServerRequest req) {
    int id = Params.pathInt(req, "unit", 0, 255);
    return simulator.device().unit(id).orElseThrow(() -> ApiException.notFound("unit " + id + " is not served"));
  }

  private Point pointOf(ServerRequest req) {
    SimulatedUnit unit = unit(req);
    String name = Params.path(req, "name");
    return unit.points().point(name)
        .orElseThrow(() -> ApiException.notFound("unit " + unit.id() + " has no point '" + name + "'"));
  }

  private void points(ServerRequest req, ServerResponse res) {
    Json.ok(res, unit(req).points().points().stream().map(PointJson::of).toList());
  }

  private void point(ServerRequest req, ServerResponse res) {
    Json.ok(res, PointJson.of(pointOf(req)));
  }

  private void writePoint(ServerRequest req, ServerResponse res) {
    Point point = pointOf(req);
    ObjectNode body = Json.body(req);
    JsonNode value = body.get("value");
    if (value == null) {
      throw ApiException.badField("value", "required");
    }
    unknownFields(body, "value");
    try {
      point.write(PointJson.parse(point, value));
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("value", e.getMessage());
    }
    Json.ok(res, PointJson.of(point));
  }

  private static Table table(ServerRequest req) {
    String name = Params.path(req, "table");
    Table t = Names.parse(Table.class, name);
    if (t == null) {
      throw ApiException.notFound("no table '" + name + "' (coils, discrete-inputs, holding-registers, input-registers)");
    }
    return t;
  }

  private void readTable(ServerRequest req, ServerResponse res) {
    DataModel data = unit(req).data();
    Table table = table(req);
    int address = Params.queryInt(req, "address", 0, 0xFFFF, -1);
    int count = Params.queryInt(req, "count", 1, MAX_COUNT, 1);
    if (address + count > 0x10000) {
      throw ApiException.badField("count", count + " addresses from " + address + " go past 65535");
    }
    List<Object> values = new ArrayList<>();
    try {
      switch (table) {
        case COILS, DISCRETE_INPUTS -> {
          for (boolean b : bits(data, table).getBits(address, count)) {
            values.add(b);
          }
        }
        case HOLDING_REGISTERS, INPUT_REGISTERS -> {
          for (int v : registers(data, table).getRange(address, count)) {
            values.add(v);
          }
        }
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw ApiException.badField("address", Names.of(table) + " " + address + ".." + (address + count - 1)
          + " are not all mapped: " + e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("address", address);
    body.put("values", values);
    Json.ok(res, body);
  }

  private void writeTable(ServerRequest req, ServerResponse res) {
    DataModel data = unit(req).data();
    Table table = table(req);
    ObjectNode body = Json.body(req);
    unknownFields(body, "address", "values");
    JsonNode a = body.get("address");
    if (a == null || !a.canConvertToInt() || !a.isIntegralNumber() || a.intValue() < 0 || a.intValue() > 0xFFFF) {
      throw ApiException.badField("address", a == null ? "required" : "expected a whole number 0..65535, found " + a);
    }
    int address = a.intValue();
    JsonNode v = body.get("values");
    if (v == null || !v.isArray() || v.isEmpty() || v.size() > MAX_COUNT) {
      throw ApiException.badField("values", v == null ? "required" : "expected a list of 1.." + MAX_COUNT + " values");
    }
    if (address + v.size() > 0x10000) {
      throw ApiException.badField("values", v.size() + " values from " + address + " go past 65535");
    }
    try {
      if (table.isBits()) {
        boolean[] bits = new boolean[v.size()];
        for (int i = 0; i < bits.length; i++) {
          JsonNode e = v.get(i);
          if (e.isBoolean()) {
            bits[i] = e.booleanValue();
          } else if (e.isIntegralNumber() && (e.intValue() == 0 || e.intValue() == 1)) {
            bits[i] = e.intValue() == 1;
          } else {
            throw ApiException.badField("values[" + i + "]", "expected true, false, 0 or 1, found " + e);
          }
        }
        bits(data, table).setBits(address, bits);
      } else {
        int[] regs = new int[v.size()];
        for (int i = 0; i < regs.length; i++) {
          JsonNode e = v.get(i);
          if (!e.isIntegralNumber() || !e.canConvertToInt() || e.intValue() < -32768 || e.intValue() > 0xFFFF) {
            throw ApiException.badField("values[" + i + "]", "expected a whole number -32768..65535, found " + e);
          }
          regs[i] = e.intValue();
        }
        registers(data, table).setRange(address, regs);
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw ApiException.badField("address", Names.of(table) + " " + address + ".." + (address + v.size() - 1)
          + " are not all mapped: " + e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("address", address);
    out.put("values", v);
    Json.ok(res, out);
  }

  private static BitTable bits(DataModel d, Table t) {
    return t == Table.COILS ? d.coils() : d.discreteInputs();
  }

  private static RegisterTable registers(DataModel d, Table t) {
    return t == Table.HOLDING_REGISTERS ? d.holdingRegisters() : d.inputRegisters();
  }

  private void reset(ServerRequest req, ServerResponse res) {
    simulator.reset();
    Json.ok(res, Map.of("status", "reset"));
  }

  private void snapshot(ServerRequest req, ServerResponse res) {
    Json.ok(res, Map.of("maps", simulator.device().snapshot().maps()));
  }

  private void restore(ServerRequest req, ServerResponse res) {
    ObjectNode body = Json.body(req);
    unknownFields(body, "maps");
    JsonNode maps = body.get("maps");
    if (maps == null || !maps.isObject()) {
      throw ApiException.badField("maps", maps == null ? "required (the body of GET /api/snapshot)" : "expected an object");
    }
    Map<String, Map<String, int[]>> parsed = new LinkedHashMap<>();
    for (var map : maps.properties()) {
      String mapPath = "maps." + map.getKey();
      if (!map.getValue().isObject()) {
        throw ApiException.badField(mapPath, "expected an object of blocks");
      }
      Map<String, int[]> blocks = new LinkedHashMap<>();
      for (var block : map.getValue().properties()) {
        String blockPath = mapPath + "." + block.getKey();
        JsonNode list = block.getValue();
        if (!list.isArray()) {
          throw ApiException.badField(blockPath, "expected a list of values");
        }
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
          JsonNode e = list.get(i);
          if (!e.isIntegralNumber() || e.intValue() < 0 || e.intValue() > 0xFFFF) {
            throw ApiException.badField(blockPath + "[" + i + "]", "expected a whole number 0..65535, found " + e);
          }
          values[i] = e.intValue();
        }
        blocks.put(block.getKey(), values);
      }
      parsed.put(map.getKey(), blocks);
    }
    try {
      simulator.device().restore(new Snapshot(parsed));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw ApiException.badField("maps", e.getMessage());
    }
    Json.ok(res, Map.of("status", "restored"));
  }

  /** Refuses fields the endpoint does not know, naming the first. */
  static void unknownFields(ObjectNode body, String... known) {
    List<String> allowed = List.of(known);
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw ApiException.badField(f, "unknown field (expected " + String.join(", ", allowed) + ")");
      }
    }
  }
}
