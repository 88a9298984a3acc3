package dev.modbustoolkit.simulator.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of every address of a device at one moment, per map and table block; {@link DeviceModel#restore}
 * writes them back. Each block was read atomically; blocks were read one after the other.
 *
 * @param maps per map name: per table and block start (as {@code "holding-registers@100"}), the values: register
 *     values 0..65535, or 0 and 1 for bits
 */
public record Snapshot(Map<String, Map<String, int[]>> maps) {

  /** Copies the maps (the arrays are not copied: a snapshot is not meant to be changed). */
  public Snapshot {
    Map<String, Map<String, int[]>> copy = new LinkedHashMap<>();
    maps.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    maps = Collections.unmodifiableMap(copy);
  }
}
