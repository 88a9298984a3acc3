package dev.modbustoolkit.junit;

import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.simulator.profile.DeviceProfile;
import dev.modbustoolkit.simulator.profile.Transport;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * What to start: from an annotation or a builder.
 *
 * @param profileLocation a profile file or resource, or null
 * @param profile a profile built in code, or null (not both)
 * @param faultsLocation a fault file or resource, or null
 * @param faults faults built in code (added after the file's)
 * @param seed the seed, or null for the files' (else 0)
 * @param transports the transports
 * @param units without a profile, the units
 * @param size without a profile, every table's size
 * @param clock what moves the values
 * @param lifecycle how long it lives
 */
record DeviceSpec(
    @Nullable String profileLocation,
    @Nullable DeviceProfile profile,
    @Nullable String faultsLocation,
    List<FaultSpec> faults,
    @Nullable Long seed,
    Set<Transport> transports,
    SortedSet<Integer> units,
    int size,
    DeviceClock clock,
    Lifecycle lifecycle) {

  /** Copies the collections. */
  DeviceSpec {
    faults = List.copyOf(faults);
    transports = java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(transports.isEmpty()
        ? java.util.EnumSet.noneOf(Transport.class) : transports));
    units = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(units));
  }

  static DeviceSpec of(SimulatedDevice a) {
    if (a.seed().length > 1) {
      throw new IllegalArgumentException("seed: at most one, not " + a.seed().length);
    }
    java.util.TreeSet<Integer> units = new java.util.TreeSet<>();
    for (int u : a.units()) {
      units.add(u);
    }
    Set<Transport> transports = java.util.EnumSet.noneOf(Transport.class);
    transports.addAll(List.of(a.transports()));
    return new DeviceSpec(a.profile().isEmpty() ? null : a.profile(), null,
        a.faults().isEmpty() ? null : a.faults(), List.of(), a.seed().length == 0 ? null : a.seed()[0],
        transports, units, a.size(), a.clock(), a.lifecycle());
  }
}
