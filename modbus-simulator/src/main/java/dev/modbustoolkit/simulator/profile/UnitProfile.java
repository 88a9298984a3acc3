package dev.modbustoolkit.simulator.profile;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One unit id and the map it serves.
 *
 * @param id the unit id, 1..247
 * @param map the name of its {@link RegisterMap} in {@link DeviceProfile#maps()}
 * @param identification what it reports for FC 2B/0E and FC 11; null for the library's defaults
 * @param transports where it is served (every transport the simulator runs unless the profile says otherwise)
 */
public record UnitProfile(int id, String map, @Nullable Identification identification, Set<Transport> transports) {

  /**
   * A unit on every transport.
   *
   * @param id the unit id, 1..247
   * @param map the name of its map
   * @param identification what it reports; null for the library's defaults
   */
  public UnitProfile(int id, String map, @Nullable Identification identification) {
    this(id, map, identification, EnumSet.allOf(Transport.class));
  }

  /** Checks the id and copies the transports. */
  public UnitProfile {
    transports = transports.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(transports));
    if (transports.isEmpty()) {
      throw new IllegalArgumentException("unit " + id + " is served on no transport");
    }
    if (id < 1 || id > 247) {
      throw new IllegalArgumentException("unit id " + id + " out of range 1..247");
    }
    Objects.requireNonNull(map, "map");
  }
}
