package dev.modbustoolkit.simulator.profile;

import dev.modbustoolkit.registers.WordOrder;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A typed point of a register map: a named value at an address of one table.
 *
 * <p>The registers hold {@code raw}; clients and the engine see {@code value = raw * scale + offset}.
 *
 * @param name unique within its map; how an admin API or a test finds it
 * @param table the table it lives in ({@link PointType.BoolType} exactly on the bit tables)
 * @param address its first address
 * @param type how it is encoded and how many addresses it spans
 * @param wordOrder the register layout of multi-register values (the map's default unless given)
 * @param scale raw-to-value factor, not 0
 * @param offset added after scaling
 * @param unit the engineering unit, for people ({@code "V"}, {@code "kWh"}); may be empty
 * @param access what clients may do with it
 * @param initial the value at start and after a reset
 * @param value how it moves; null for a point that keeps what it was set to
 * @param tick how often it moves
 */
public record PointSpec(
    String name,
    Table table,
    int address,
    PointType type,
    WordOrder wordOrder,
    double scale,
    double offset,
    String unit,
    Access access,
    PointValue initial,
    @Nullable ValueSpec value,
    Duration tick) {

  /** Checks what one point can check alone; {@link RegisterMap} checks it against the map. */
  public PointSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(wordOrder, "wordOrder");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(tick, "tick");
    if (address < 0 || address + type.width() > 0x10000) {
      throw new IllegalArgumentException("address " + address + " with " + type.width()
          + " addresses leaves 0..65535");
    }
    if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
      throw new IllegalArgumentException("scale must be finite and not 0, offset finite");
    }
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("tick must be more than 0: " + tick);
    }
    if (table.isBits() != (type instanceof PointType.BoolType)) {
      throw new IllegalArgumentException(table.isBits()
          ? "a " + table.profileName() + " point must be of type bool"
          : "a bool point lives in coils or discrete-inputs, not " + table.profileName());
    }
    if ((type instanceof PointType.StringType) != (initial instanceof PointValue.Text)) {
      throw new IllegalArgumentException(type instanceof PointType.StringType
          ? "a string point's initial value is text" : "initial value must be a number");
    }
    if (type instanceof PointType.StringType && value != null) {
      throw new IllegalArgumentException("a string point does not move");
    }
  }

  /** {@return the last address it spans} */
  public int lastAddress() {
    return address + type.width() - 1;
  }
}
