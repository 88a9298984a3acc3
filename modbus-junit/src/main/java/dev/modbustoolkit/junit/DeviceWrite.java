package dev.modbustoolkit.junit;

import dev.modbustoolkit.simulator.profile.Table;
import java.util.List;
import java.util.Objects;

/**
 * One write a Modbus client made to the device (FC 05, 06, 0F, 10, 16, 17): writes from Java code and moving
 * values are not counted.
 *
 * @param units the units whose register map was written (units sharing a map are one device), ascending
 * @param table the table written
 * @param address the first address written
 * @param values the values written, from {@code address} on: 0..65535 for registers, 0 or 1 for bits
 * @param points the names of the profile's points the write touched, in profile order (empty when none)
 */
public record DeviceWrite(List<Integer> units, Table table, int address, List<Integer> values, List<String> points) {

  /** Copies the lists. */
  public DeviceWrite {
    units = List.copyOf(units);
    Objects.requireNonNull(table, "table");
    values = List.copyOf(values);
    points = List.copyOf(points);
  }

  /**
   * {@return whether this write reached point {@code point} of unit {@code unit}}
   *
   * @param unit the unit id
   * @param point the point's name
   */
  public boolean touches(int unit, String point) {
    return units.contains(unit) && points.contains(point);
  }
}
