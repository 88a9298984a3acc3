package dev.modbustoolkit.simulator.model;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.RegisterDevice;
import java.util.Objects;

/**
 * One unit id as served: its device (what the dispatcher calls) and its points. Units of one map share the
 * {@code points} (and so the data).
 *
 * @param id the unit id
 * @param device the register device answering for it, with its identification
 * @param points its map's points
 */
public record SimulatedUnit(int id, RegisterDevice device, PointTable points) {

  /** Checks for nulls. */
  public SimulatedUnit {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(points, "points");
  }

  /** {@return the unit's four tables} */
  public DataModel data() {
    return points.data();
  }
}
