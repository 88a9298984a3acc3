package dev.modbustoolkit.server.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The dispatcher's topology, rebuilt whole on every unit change and read with one volatile load per request: the
 * route of every unit id for TCP and for serial transports, and the diagnostics that see the whole bus.
 */
final class RouteTable {
  private static final int UNIT_IDS = 256;

  private final UnitRoute[] tcp = new UnitRoute[UNIT_IDS];
  private final UnitRoute[] serial = new UnitRoute[UNIT_IDS];
  /** Distinct counters of every unit and the server device: those counting bus messages and errors. */
  final DiagnosticCounters[] busCounters;

  /**
   * @param units the handlers of units 1..247 (single units and ranges alike)
   * @param serverDevice the device units 0 and 255 reach on TCP, when set explicitly
   * @param catchAll the handler of every unit id nobody else serves, or null
   */
  RouteTable(
      ModbusDispatcher owner, AtomicReferenceArray<@Nullable ModbusRequestHandler> units,
      @Nullable ModbusRequestHandler serverDevice, @Nullable ModbusRequestHandler catchAll) {
    Map<ModbusRequestHandler, Boolean> seen = new IdentityHashMap<>();
    List<ModbusRequestHandler> distinct = new ArrayList<>();
    for (int id = 0; id < UNIT_IDS; id++) {
      ModbusRequestHandler own = units.get(id);
      ModbusRequestHandler h = own != null ? own : catchAll;
      tcp[id] = routeTo(owner, false, id, h);
      serial[id] = routeTo(owner, true, id, h);
      if (own != null && seen.put(own, Boolean.TRUE) == null) {
        distinct.add(own);
      }
    }
    if (catchAll != null && seen.put(catchAll, Boolean.TRUE) == null) {
      distinct.add(catchAll);
    }
    // On TCP units 0 and 255 reach the server device, by default the catch-all or else unit 1's handler; on a serial
    // line 0 is a broadcast.
    ModbusRequestHandler server = serverDevice != null ? serverDevice : catchAll != null ? catchAll : units.get(1);
    for (int id : new int[] {0, 0xFF}) {
      tcp[id] = routeTo(owner, false, id, server);
    }
    serial[0] = new UnitRoute.Broadcast(owner, distinct);

    Map<DiagnosticCounters, Boolean> counted = new IdentityHashMap<>();
    List<DiagnosticCounters> bus = new ArrayList<>();
    List<ModbusRequestHandler> all = new ArrayList<>(distinct);
    if (serverDevice != null) {
      all.add(serverDevice);
    }
    for (ModbusRequestHandler h : all) {
      DiagnosticCounters c = h.diagnosticCounters();
      if (c != null && counted.put(c, Boolean.TRUE) == null) {
        bus.add(c);
      }
    }
    busCounters = bus.toArray(new DiagnosticCounters[0]);
  }

  private static UnitRoute routeTo(
      ModbusDispatcher owner, boolean serialLine, int id, @Nullable ModbusRequestHandler h) {
    return switch (h) {
      case null -> new UnitRoute.UnknownUnit(owner, serialLine, id);
      case ForwardingHandler f -> new UnitRoute.Forward(owner, serialLine, id, f);
      default -> new UnitRoute.ToHandler(owner, serialLine, id, h);
    };
  }

  /** The route of a unit id 0..255 for this kind of transport. */
  UnitRoute route(boolean serialLine, int unitId) {
    return serialLine ? serial[unitId] : tcp[unitId];
  }
}
