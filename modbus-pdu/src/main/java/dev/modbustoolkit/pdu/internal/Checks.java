package dev.modbustoolkit.pdu.internal;

import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.PduValueException;
import dev.modbustoolkit.pdu.PduViolation;

/** Range checks shared by the record constructors; each failure names field, value, range and function. */
public final class Checks {
  private Checks() {}

  /** Quantity 1..max, else QUANTITY_OUT_OF_RANGE. */
  public static void quantity(int quantity, int max, String where) {
    length(quantity, 1, max, "quantity", where);
  }

  /** A count or length in min..max, else QUANTITY_OUT_OF_RANGE. */
  public static void length(long value, long min, long max, String field, String where) {
    if (value < min || value > max) {
      throw new PduValueException(PduViolation.QUANTITY_OUT_OF_RANGE, value,
          field + " " + value + " out of range " + min + ".." + max + " for " + where);
    }
  }

  /** A field in min..max, else the given violation. */
  public static void range(long value, long min, long max, PduViolation violation, String field, String where) {
    if (value < min || value > max) {
      throw new PduValueException(violation, value,
          field + " " + value + " out of range " + min + ".." + max + " for " + where);
    }
  }

  /** Address 0..65535, else ADDRESS_OUT_OF_RANGE. */
  public static void address(int address, String where) {
    address(address, "address", where);
  }

  /** Address 0..65535, else ADDRESS_OUT_OF_RANGE. */
  public static void address(int address, String field, String where) {
    range(address, 0, ModbusLimits.MAX_ADDRESS, PduViolation.ADDRESS_OUT_OF_RANGE, field, where);
  }

  /**
   * Address 0..65535 and address + quantity <= 65536, else ADDRESS_OUT_OF_RANGE; the offending value of the
   * second check is the end address address + quantity.
   */
  public static void addressRange(int address, int quantity, String where) {
    addressRange(address, quantity, "address", where);
  }

  /** As {@link #addressRange(int, int, String)} with a named address field. */
  public static void addressRange(int address, int quantity, String field, String where) {
    address(address, field, where);
    long end = (long) address + quantity;
    if (end > ModbusLimits.ADDRESS_SPACE) {
      throw new PduValueException(PduViolation.ADDRESS_OUT_OF_RANGE, end,
          field + " " + address + " + quantity " + quantity + " = " + end + " exceeds " + ModbusLimits.ADDRESS_SPACE
              + " for " + where);
    }
  }

  /** A 16-bit field 0..65535, else ILLEGAL_VALUE. */
  public static void u16(int value, String field, String where) {
    range(value, 0, 0xFFFF, PduViolation.ILLEGAL_VALUE, field, where);
  }

  /** An 8-bit field 0..255, else ILLEGAL_VALUE. */
  public static void u8(int value, String field, String where) {
    range(value, 0, 0xFF, PduViolation.ILLEGAL_VALUE, field, where);
  }

  /** Register values given as ints, each 0..65535 (ILLEGAL_VALUE), as the short[] the records hold. */
  public static short[] registers(int[] values, String where) {
    short[] out = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      u16(values[i], "register value", where);
      out[i] = (short) values[i];
    }
    return out;
  }

  /** Packs bits LSB-first: bit i goes to bit i % 8 of byte i / 8; unused high bits stay 0. */
  public static byte[] packBits(boolean[] bits) {
    byte[] out = new byte[(bits.length + 7) / 8];
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        out[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return out;
  }

  /** Unpacks the first quantity bits, LSB-first. */
  public static boolean[] unpackBits(byte[] packed, int quantity) {
    boolean[] out = new boolean[quantity];
    for (int i = 0; i < quantity; i++) {
      out[i] = (packed[i >>> 3] & (1 << (i & 7))) != 0;
    }
    return out;
  }
}
