package dev.modbustoolkit.registers;

import java.util.Arrays;

/**
 * One successful write of {@link #quantity()} consecutive bits starting at {@link #address()}.
 *
 * <p>Reported for every successful write, also when nothing changed ({@link #changed()} tells). Immutable: the
 * array accessors return copies.
 */
public final class BitChangeEvent {

  private final BitTable table;
  private final int address;
  private final boolean[] oldValues;
  private final boolean[] newValues;
  private final ChangeOrigin origin;

  // Takes ownership of the arrays: the table allocates them for this event only.
  BitChangeEvent(BitTable table, int address, boolean[] oldValues, boolean[] newValues, ChangeOrigin origin) {
    this.table = table;
    this.address = address;
    this.oldValues = oldValues;
    this.newValues = newValues;
    this.origin = origin;
  }

  /** {@return the table that was written} */
  public BitTable table() {
    return table;
  }

  /** {@return the first address written} */
  public int address() {
    return address;
  }

  /** {@return number of bits written (at least 1)} */
  public int quantity() {
    return newValues.length;
  }

  /** {@return who wrote} */
  public ChangeOrigin origin() {
    return origin;
  }

  /**
   * {@return the value the bit at {@code address() + index} had before the write}
   *
   * @param index the index
   */
  public boolean oldValue(int index) {
    return oldValues[index];
  }

  /**
   * {@return the value the bit at {@code address() + index} has after the write}
   *
   * @param index the index
   */
  public boolean newValue(int index) {
    return newValues[index];
  }

  /** {@return a copy of the previous values} */
  public boolean[] oldValues() {
    return oldValues.clone();
  }

  /** {@return a copy of the written values} */
  public boolean[] newValues() {
    return newValues.clone();
  }

  /** {@return whether at least one bit got a different value} */
  public boolean changed() {
    return !Arrays.equals(oldValues, newValues);
  }

  @Override
  public String toString() {
    return "BitChangeEvent[address=" + address + ", quantity=" + quantity() + ", origin=" + origin
        + ", old=" + bits(oldValues) + ", new=" + bits(newValues) + "]";
  }

  private static String bits(boolean[] values) {
    StringBuilder sb = new StringBuilder(values.length);
    for (boolean value : values) {
      sb.append(value ? '1' : '0');
    }
    return sb.toString();
  }
}
