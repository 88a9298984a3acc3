package dev.modbustoolkit.simulator.profile;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The type of a point: how many addresses it spans and how its value is encoded there.
 */
public sealed interface PointType {

  /** {@return the number of registers (or bits, for {@link BoolType}) the point spans} */
  int width();

  /** {@return the name a profile uses: {@code float32}, {@code string}, ...} */
  String profileName();

  /** One bit of a coil or discrete input: value 0 (off) or 1 (on). */
  record BoolType() implements PointType {
    @Override
    public int width() {
      return 1;
    }

    @Override
    public String profileName() {
      return "bool";
    }
  }

  /**
   * A number in one, two or four registers.
   *
   * @param format the encoding
   */
  record NumberType(NumberFormat format) implements PointType {
    /** Checks for null. */
    public NumberType {
      Objects.requireNonNull(format, "format");
    }

    @Override
    public int width() {
      return format.registers();
    }

    @Override
    public String profileName() {
      return format.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Fixed-length ISO-8859-1 text, two characters per register, padded with 0x00.
   *
   * @param length the number of characters, 1..250
   */
  record StringType(int length) implements PointType {
    /** Checks the length. */
    public StringType {
      if (length < 1 || length > 250) {
        throw new IllegalArgumentException("length " + length + " out of range 1..250");
      }
    }

    @Override
    public int width() {
      return (length + 1) / 2;
    }

    @Override
    public String profileName() {
      return "string";
    }
  }

  /**
   * One register of flags; its value is the register as an unsigned number, and the bits may be named.
   *
   * @param bits bit number (0 = least significant) by name, each 0..15
   */
  record BitfieldType(Map<String, Integer> bits) implements PointType {
    /** Copies the names and checks the bit numbers. */
    public BitfieldType {
      bits = java.util.Collections.unmodifiableMap(new TreeMap<>(bits));
      for (Map.Entry<String, Integer> e : bits.entrySet()) {
        if (e.getValue() < 0 || e.getValue() > 15) {
          throw new IllegalArgumentException("bit " + e.getKey() + " = " + e.getValue() + " out of range 0..15");
        }
      }
    }

    @Override
    public int width() {
      return 1;
    }

    @Override
    public String profileName() {
      return "bitfield";
    }
  }

  /** The number encodings, by the registers they take. */
  enum NumberFormat {
    /** Signed 16 bits. */
    INT16(1, Short.MIN_VALUE, Short.MAX_VALUE),
    /** Unsigned 16 bits. */
    UINT16(1, 0, 0xFFFF),
    /** Signed 32 bits. */
    INT32(2, Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** Unsigned 32 bits. */
    UINT32(2, 0, 0xFFFF_FFFFL),
    /** Signed 64 bits (exact as a value up to 2^53). */
    INT64(4, -0x1p63, 0x1p63),
    /** Unsigned 64 bits (exact as a value up to 2^53). */
    UINT64(4, 0, 0x1p64),
    /** IEEE 754 single. */
    FLOAT32(2, -Float.MAX_VALUE, Float.MAX_VALUE),
    /** IEEE 754 double. */
    FLOAT64(4, -Double.MAX_VALUE, Double.MAX_VALUE);

    private final int registers;
    private final double min;
    private final double max;

    NumberFormat(int registers, double min, double max) {
      this.registers = registers;
      this.min = min;
      this.max = max;
    }

    /** {@return the registers it takes: 1, 2 or 4} */
    public int registers() {
      return registers;
    }

    /** {@return the smallest raw value it holds} */
    public double min() {
      return min;
    }

    /** {@return the largest raw value it holds (for int64 and uint64, the first one beyond)} */
    public double max() {
      return max;
    }

    /** {@return whether it is a floating-point format} */
    public boolean isFloat() {
      return this == FLOAT32 || this == FLOAT64;
    }
  }
}
