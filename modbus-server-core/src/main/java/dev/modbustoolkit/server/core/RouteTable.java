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

  RouteTable(
      ModbusDispatcher owner, AtomicReferenceArray<@Nullable ModbusRequestHandler> units,
      @Nullable ModbusRequestHandler serverDevice) {
    Map<ModbusRequestHandler, Boolean> seen = new IdentityHashMap<>();
    List<ModbusRequestHandler> distinct = new ArrayList<>();
    for (int id = 0; id < UNIT_IDS; id++) {
      ModbusRequestHandler h = units.get(id);
      tcp[id] = h == null ? new UnitRoute.UnknownUnit(owner, false, id) : new UnitRoute.ToHandler(owner, false, id, h);
      serial[id] = h == null ? new UnitRoute.UnknownUnit(owner, true, id) : new UnitRoute.ToHandler(owner, true, id, h);
      if (h != null && seen.put(h, Boolean.TRUE) == null) {
        distinct.add(h);
      }
    }
    // On TCP units 0 and 255 reach the server device, by default unit 1's handler; on a serial line 0 is a broadcast.
    ModbusRequestHandler server = serverDevice != null ? serverDevice : units.get(1);
    for (int id : new int[] {0, 0xFF}) {
      tcp[id] = server == null ? new UnitRoute.UnknownUnit(owner, false, id)
          : new UnitRoute.ToHandler(owner, false, id, server);
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

  /** The route of a unit id 0..255 for this kind of transport. */
  UnitRoute route(boolean serialLine, int unitId) {
    return serialLine ? serial[unitId] : tcp[unitId];
  }
}
