package dev.modbustoolkit.registers;

import java.util.Arrays;

/**
 * One successful write of {@link #quantity()} consecutive registers starting at {@link #address()}.
 *
 * <p>An event is reported for every successful write, also when the new values equal the old ones (a client
 * rewriting a command register is still a command); {@link #changed()} tells whether anything differs. Immutable:
 * the value accessors return copies.
 */
public final class RegisterChangeEvent {

  private final RegisterTable table;
  private final int address;
  private final short[] oldValues;
  private final short[] newValues;
  private final ChangeOrigin origin;

  // Takes ownership of the arrays: the table allocates them for this event only.
  RegisterChangeEvent(RegisterTable table, int address, short[] oldValues, short[] newValues, ChangeOrigin origin) {
    this.table = table;
    this.address = address;
    this.oldValues = oldValues;
    this.newValues = newValues;
    this.origin = origin;
  }

  /** {@return the table that was written} */
  public RegisterTable table() {
    return table;
  }

  /** {@return the first address written} */
  public int address() {
    return address;
  }

  /** {@return number of registers written (at least 1)} */
  public int quantity() {
    return newValues.length;
  }

  /** {@return who wrote} */
  public ChangeOrigin origin() {
    return origin;
  }

  /**
   * {@return the value (0..65535) the register at {@code address() + index} had before the write}
   *
   * @param index the index
   */
  public int oldValue(int index) {
    return oldValues[index] & 0xFFFF;
  }

  /**
   * {@return the value (0..65535) the register at {@code address() + index} has after the write}
   *
   * @param index the index
   */
  public int newValue(int index) {
    return newValues[index] & 0xFFFF;
  }

  /** {@return a copy of the previous contents} */
  public short[] oldValues() {
    return oldValues.clone();
  }

  /** {@return a copy of the written contents} */
  public short[] newValues() {
    return newValues.clone();
  }

  /** {@return whether at least one register got a different value} */
  public boolean changed() {
    return !Arrays.equals(oldValues, newValues);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RegisterChangeEvent[address=").append(address)
        .append(", quantity=").append(quantity()).append(", origin=").append(origin).append(", old=[");
    appendHex(sb, oldValues);
    sb.append("], new=[");
    appendHex(sb, newValues);
    return sb.append("]]").toString();
  }

  private static void appendHex(StringBuilder sb, short[] values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(String.format("0x%04X", values[i] & 0xFFFF));
    }
  }
}
