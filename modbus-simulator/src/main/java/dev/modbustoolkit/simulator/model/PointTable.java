package dev.modbustoolkit.simulator.model;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.simulator.profile.RegisterMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The points of one register map, by name, bound to the map's data. */
public final class PointTable {
  private final RegisterMap map;
  private final DataModel data;
  private final Map<String, Point> byName;

  PointTable(RegisterMap map, DataModel data) {
    this.map = map;
    this.data = data;
    Map<String, Point> points = new LinkedHashMap<>();
    map.points().forEach(spec -> points.put(spec.name(), new Point(spec, data)));
    this.byName = Collections.unmodifiableMap(points);
  }

  /** {@return the map it was built from} */
  public RegisterMap map() {
    return map;
  }

  /** {@return the four tables the points live in} */
  public DataModel data() {
    return data;
  }

  /**
   * {@return the point named {@code name}, if there is one}
   *
   * @param name the point's name
   */
  public Optional<Point> point(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** {@return every point, in profile order} */
  public List<Point> points() {
    return new ArrayList<>(byName.values());
  }

  /** {@return the names of the points, in profile order} */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }
}
