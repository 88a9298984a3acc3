package dev.modbustoolkit.serial.internal;

/** Character-time arithmetic of the serial line spec, exact in integers. */
public final class CharacterTime {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private CharacterTime() {}

  /**
   * {@code halves / 2} character times of {@code bitsPerCharacter} bits at {@code baudRate}, in nanoseconds:
   * {@code halves * bits * 10^9 / (2 * baud)} computed exactly and rounded half up once (2 for one character, 3
   * for t1.5, 7 for t3.5). Rounding the character time first and multiplying would be off by a few nanoseconds.
   */
  public static long halvesNanos(int halves, int bitsPerCharacter, int baudRate) {
    long numerator = (long) halves * bitsPerCharacter * NANOS_PER_SECOND;
    long denominator = 2L * baudRate;
    return (numerator + denominator / 2) / denominator;
  }
}
