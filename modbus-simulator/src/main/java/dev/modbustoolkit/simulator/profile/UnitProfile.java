package dev.modbustoolkit.simulator.profile;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One unit id and the map it serves.
 *
 * @param id the unit id, 1..247
 * @param map the name of its {@link RegisterMap} in {@link DeviceProfile#maps()}
 * @param identification what it reports for FC 2B/0E and FC 11; null for the library's defaults
 */
public record UnitProfile(int id, String map, @Nullable Identification identification) {

  /** Checks the id. */
  public UnitProfile {
    if (id < 1 || id > 247) {
      throw new IllegalArgumentException("unit id " + id + " out of range 1..247");
    }
    Objects.requireNonNull(map, "map");
  }
}
