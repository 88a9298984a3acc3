package dev.modbustoolkit.fault;

/** How a "wrong field" action computes the wrong value from the right one. */
public sealed interface FieldOverride {

  /**
   * The field becomes {@code value} (masked to the field's width).
   *
   * @param value the value
   */
  record Fixed(int value) implements FieldOverride {
    /** Validates. */
    public Fixed {
      if (value < 0 || value > 0xFFFF) {
        throw new IllegalArgumentException("value " + value + " out of range 0..65535");
      }
    }
  }

  /**
   * The field becomes the right value plus {@code delta}, wrapping at the field's width ("+1" is Offset(1)).
   *
   * @param delta the delta
   */
  record Offset(int delta) implements FieldOverride {
    /** Validates. */
    public Offset {
      if (delta == 0 || delta < -0xFFFF || delta > 0xFFFF) {
        throw new IllegalArgumentException("offset " + delta + " must be non-zero, within -65535..65535");
      }
    }
  }

  /** The field becomes a random value different from the right one (from the fault's seeded stream). */
  record Random() implements FieldOverride {}

  /** The two bytes of a 16-bit field change places (only for 16-bit fields). */
  record ByteSwap() implements FieldOverride {}

  /**
   * Plus one: the most common off-by-one.
   *
   * @return the plus one
   */
  static FieldOverride plusOne() {
    return new Offset(1);
  }

  /**
   * Applies this override to a field {@code bits} wide (8 or 16), drawing from {@code random} if needed.
   *
   * @param original the original
   * @param bits the bits
   * @param random the random
   * @return the field's new value, {@code bits} wide
   */
  default int apply(int original, int bits, java.util.random.RandomGenerator random) {
    int mask = (1 << bits) - 1;
    return switch (this) {
      case Fixed f -> f.value() & mask;
      case Offset o -> (original + o.delta()) & mask;
      case Random r -> (original + 1 + random.nextInt(mask)) & mask;
      case ByteSwap s -> (((original & 0xFF) << 8) | ((original >> 8) & 0xFF)) & mask;
    };
  }
}
