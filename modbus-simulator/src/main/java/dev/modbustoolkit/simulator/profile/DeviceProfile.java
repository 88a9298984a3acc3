package dev.modbustoolkit.simulator.profile;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A whole profile: the units served (on every transport) and the maps they serve.
 *
 * @param seed seeds every moving value; null when the file has none (the simulator then draws one and prints it)
 * @param maps the register maps by name, in file order
 * @param units the units, ids unique, each naming a map of {@code maps}
 */
public record DeviceProfile(@Nullable Long seed, Map<String, RegisterMap> maps, List<UnitProfile> units) {

  /** Copies the collections and checks that every unit's map exists. */
  public DeviceProfile {
    maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps));
    units = List.copyOf(units);
    if (units.isEmpty()) {
      throw new IllegalArgumentException("at least one unit is needed");
    }
    Set<Integer> ids = new HashSet<>();
    for (UnitProfile u : units) {
      if (!ids.add(u.id())) {
        throw new IllegalArgumentException("unit " + u.id() + " appears twice");
      }
      Objects.requireNonNull(maps.get(u.map()), () -> "unit " + u.id() + " names unknown map " + u.map());
    }
  }
}
