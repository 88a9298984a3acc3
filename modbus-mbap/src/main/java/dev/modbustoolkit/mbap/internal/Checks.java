package dev.modbustoolkit.mbap.internal;

/** Argument checks for programming errors (values the caller chose, not bytes read from the wire). */
public final class Checks {
  private Checks() {}

  /** Returns {@code value} or throws {@link IllegalArgumentException} naming the field and the allowed range. */
  public static int requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " " + value + " out of range " + min + ".." + max);
    }
    return value;
  }
}
