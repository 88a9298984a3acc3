package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.server.core.DiagnosticCounters;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.ModbusRequestHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The devices a serial line's frames concern, seen through the dispatcher: which unit ids are served here, and
 * the diagnostics counters that must see bus events the dispatcher never routes (frames for other devices).
 * Reads the dispatcher live, so units added or removed while running count at once.
 */
public final class BusDevices {
  /** The ASCII input delimiter before any FC 08/03: line feed. */
  public static final int DEFAULT_DELIMITER = DiagnosticCounters.DEFAULT_ASCII_INPUT_DELIMITER;

  private static final int MIN_UNIT = 1;
  private static final int MAX_UNIT = 247;

  private final ModbusDispatcher dispatcher;

  /** The devices of a dispatcher. */
  public BusDevices(ModbusDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** Whether this server answers for the unit id (1..247 with a handler). */
  public boolean serves(int unitId) {
    return dispatcher.handler(unitId) != null;
  }

  /**
   * Counts a valid frame the dispatcher does not see (a request for another unit, another device's response) as
   * a bus message in every served device: the spec's bus message count covers all traffic on the bus.
   */
  public void countBusMessage() {
    for (DiagnosticCounters c : counters()) {
      c.incrementBusMessageCount();
    }
  }

  /** The ASCII input delimiter (FC 08/03) of the first served device that keeps diagnostics, else LF. */
  public int asciiDelimiter() {
    for (int id = MIN_UNIT; id <= MAX_UNIT; id++) {
      ModbusRequestHandler h = dispatcher.handler(id);
      DiagnosticCounters c = h == null ? null : h.diagnosticCounters();
      if (c != null) {
        return c.asciiInputDelimiter();
      }
    }
    return DEFAULT_DELIMITER;
  }

  // Several unit ids may share a handler (and its counters): count each counter set once.
  private List<DiagnosticCounters> counters() {
    List<DiagnosticCounters> found = new ArrayList<>(4);
    for (int id = MIN_UNIT; id <= MAX_UNIT; id++) {
      ModbusRequestHandler h = dispatcher.handler(id);
      DiagnosticCounters c = h == null ? null : h.diagnosticCounters();
      if (c != null && !containsSame(found, c)) {
        found.add(c);
      }
    }
    return found;
  }

  private static boolean containsSame(List<DiagnosticCounters> list, DiagnosticCounters c) {
    for (DiagnosticCounters x : list) {
      if (x == c) {
        return true;
      }
    }
    return false;
  }
}
