package dev.modbustoolkit.simulator.profile;

import dev.modbustoolkit.registers.WordOrder;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The address space and points of a device: one is built for each map, so units naming the same map share its
 * values (one device reachable under several unit ids).
 *
 * @param name the map's name: its key under {@code maps}, or {@code units[i]} for a unit's own
 * @param wordOrder the default register layout of its multi-register points
 * @param tables the blocks of each table; null for "every table holds 0..size-1"; a table absent from a non-null
 *     map has no addresses at all
 * @param size with {@code tables} null, the number of addresses of every table, 1..65536
 * @param points the typed points, names unique, inside the blocks, not overlapping
 * @param wholeValues whether a client request covering part of a multi-register point is refused with exception
 *     02 (the default), so that no client combines halves of two values; false lets clients read and write parts
 */
public record RegisterMap(
    String name,
    WordOrder wordOrder,
    @Nullable Map<Table, List<BlockSpec>> tables,
    int size,
    List<PointSpec> points,
    boolean wholeValues) {

  /** Copies the collections. */
  public RegisterMap {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(wordOrder, "wordOrder");
    if (tables != null) {
      EnumMap<Table, List<BlockSpec>> copy = new EnumMap<>(Table.class);
      tables.forEach((t, b) -> copy.put(t, List.copyOf(b)));
      tables = Collections.unmodifiableMap(copy);
    }
    if (size < 1 || size > 0x10000) {
      throw new IllegalArgumentException("size " + size + " out of range 1..65536");
    }
    points = List.copyOf(points);
  }

  /**
   * {@return the blocks of {@code table}: the given ones, or one block 0..size-1 read-write}
   *
   * @param table the table
   */
  public List<BlockSpec> blocks(Table table) {
    if (tables == null) {
      return List.of(new BlockSpec(0, size, Access.READ_WRITE));
    }
    return tables.getOrDefault(table, List.of());
  }
}
