package dev.modbustoolkit.simulator.model;

import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.registers.WordOrder;
import dev.modbustoolkit.simulator.profile.PointSpec;
import dev.modbustoolkit.simulator.profile.PointType;
import dev.modbustoolkit.simulator.profile.PointValue;
import java.util.Objects;

/**
 * A typed point bound to its table: reads and writes its engineering value ({@code raw * scale + offset}).
 *
 * <p>Every read and write is whole: a multi-register value is one call of the table's typed view, which the table
 * performs under its lock, so a concurrent FC 03 sees the value before or after, never half of each. The Java API
 * used here ignores the point's access rule (which governs clients only).
 */
public final class Point {
  private static final double TWO_63 = 0x1p63;

  private final PointSpec spec;
  private final BitTable bits;
  private final RegisterTable registers;

  Point(PointSpec spec, DataModel data) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.bits = switch (spec.table()) {
      case COILS -> data.coils();
      case DISCRETE_INPUTS -> data.discreteInputs();
      default -> data.coils();
    };
    this.registers = switch (spec.table()) {
      case INPUT_REGISTERS -> data.inputRegisters();
      default -> data.holdingRegisters();
    };
  }

  /** {@return what the profile says about it} */
  public PointSpec spec() {
    return spec;
  }

  /** {@return its name} */
  public String name() {
    return spec.name();
  }

  /** {@return its value now: a number (0 or 1 for a bool), or the text of a string point} */
  public PointValue read() {
    if (spec.type() instanceof PointType.StringType s) {
      return PointValue.of(registers.getString(spec.address(), s.width(), spec.wordOrder()));
    }
    return PointValue.of(readNumber());
  }

  /** {@return its value now as a number; a string point's text is not a number: NaN} */
  public double readNumber() {
    int a = spec.address();
    WordOrder o = spec.wordOrder();
    double raw = switch (spec.type()) {
      case PointType.BoolType b -> bits.getBit(a) ? 1 : 0;
      case PointType.BitfieldType b -> registers.getUint16(a, o);
      case PointType.StringType s -> Double.NaN;
      case PointType.NumberType n -> switch (n.format()) {
        case INT16 -> registers.getInt16(a, o);
        case UINT16 -> registers.getUint16(a, o);
        case INT32 -> registers.getInt32(a, o);
        case UINT32 -> registers.getUint32(a, o);
        case INT64 -> registers.getInt64(a, o);
        case UINT64 -> unsigned(registers.getInt64(a, o));
        case FLOAT32 -> registers.getFloat32(a, o);
        case FLOAT64 -> registers.getFloat64(a, o);
      };
    };
    return spec.type() instanceof PointType.BoolType ? raw : raw * spec.scale() + spec.offset();
  }

  /**
   * Writes a value, whole.
   *
   * @param value a number for every point but a string point, which takes text
   * @throws IllegalArgumentException naming the point when the value is of the wrong kind or does not fit its type
   *     (nothing changes)
   */
  public void write(PointValue value) {
    switch (value) {
      case PointValue.Text t -> {
        if (!(spec.type() instanceof PointType.StringType s)) {
          throw new IllegalArgumentException("point " + name() + " is a " + spec.type().profileName()
              + ", not text");
        }
        if (t.value().length() > s.length()) {
          throw new IllegalArgumentException("point " + name() + " holds " + s.length() + " characters: '"
              + t.value() + "'");
        }
        registers.setString(spec.address(), s.width(), t.value(), spec.wordOrder());
      }
      case PointValue.Number n -> {
        if (spec.type() instanceof PointType.StringType) {
          throw new IllegalArgumentException("point " + name() + " is a string, not a number");
        }
        double raw = raw(n.value());
        if (!fits(raw)) {
          throw new IllegalArgumentException("point " + name() + ": value " + n.value() + " does not fit its "
              + spec.type().profileName() + " (raw " + raw + ")");
        }
        writeRaw(raw);
      }
    }
  }

  /**
   * Writes a number, clamped to what the type holds (and rounded for integer types): how moving values are
   * written, so a sine a little beyond an int16's range saturates instead of failing.
   *
   * @param value the engineering value
   * @throws IllegalStateException for a string point
   */
  public void writeClamped(double value) {
    if (spec.type() instanceof PointType.StringType) {
      throw new IllegalStateException("point " + name() + " is a string");
    }
    double raw = raw(value);
    double clamped = switch (spec.type()) {
      case PointType.BoolType b -> value != 0 ? 1 : 0;
      case PointType.BitfieldType b -> clamp(Math.rint(raw), 0, 0xFFFF);
      case PointType.StringType s -> raw;
      case PointType.NumberType n -> n.format().isFloat()
          ? Double.isNaN(raw) ? raw : clamp(raw, n.format().min(), n.format().max())
          : Double.isNaN(raw) ? 0 : clamp(Math.rint(raw), n.format().min(),
              n.format().registers() == 4 ? Math.nextDown(n.format().max()) : n.format().max());
    };
    writeRaw(clamped);
  }

  private double raw(double value) {
    return spec.type() instanceof PointType.BoolType ? value : (value - spec.offset()) / spec.scale();
  }

  private boolean fits(double raw) {
    return switch (spec.type()) {
      case PointType.BoolType b -> raw == 0 || raw == 1;
      case PointType.BitfieldType b -> raw == Math.rint(raw) && raw >= 0 && raw <= 0xFFFF;
      case PointType.StringType s -> false;
      case PointType.NumberType n -> {
        var f = n.format();
        if (f.isFloat()) {
          yield Double.isNaN(raw) || raw >= f.min() && raw <= f.max();
        }
        double r = Math.rint(raw);
        yield f.registers() == 4 ? r >= f.min() && r < f.max() : r >= f.min() && r <= f.max();
      }
    };
  }

  private void writeRaw(double raw) {
    int a = spec.address();
    WordOrder o = spec.wordOrder();
    switch (spec.type()) {
      case PointType.BoolType b -> bits.setBit(a, raw != 0);
      case PointType.BitfieldType b -> registers.setUint16(a, (int) raw, o);
      case PointType.StringType s -> throw new IllegalStateException("point " + name() + " is a string");
      case PointType.NumberType n -> {
        double r = n.format().isFloat() ? raw : Math.rint(raw);
        switch (n.format()) {
          case INT16 -> registers.setInt16(a, (int) r, o);
          case UINT16 -> registers.setUint16(a, (int) r, o);
          case INT32 -> registers.setInt32(a, (int) r, o);
          case UINT32 -> registers.setUint32(a, (long) r, o);
          case INT64 -> registers.setInt64(a, (long) r, o);
          case UINT64 -> registers.setInt64(a, r >= TWO_63 ? (long) (r - TWO_63) ^ Long.MIN_VALUE : (long) r, o);
          case FLOAT32 -> registers.setFloat32(a, (float) r, o);
          case FLOAT64 -> registers.setFloat64(a, r, o);
        }
      }
    }
  }

  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }

  @Override
  public String toString() {
    return "Point[" + name() + " " + spec.type().profileName() + " at " + spec.table().profileName() + " "
        + spec.address() + "]";
  }
}
