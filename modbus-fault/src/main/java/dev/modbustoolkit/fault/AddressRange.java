package dev.modbustoolkit.fault;

/**
 * An inclusive range of Modbus addresses (0-based protocol addresses, as on the wire).
 *
 * @param first the first address, 0..65535
 * @param last the last address, first..65535
 */
public record AddressRange(int first, int last) {

  /** Validates. */
  public AddressRange {
    if (first < 0 || first > 0xFFFF) {
      throw new IllegalArgumentException("addresses.first " + first + " out of range 0..65535");
    }
    if (last < first || last > 0xFFFF) {
      throw new IllegalArgumentException("addresses.last " + last + " out of range " + first + "..65535");
    }
  }

  /**
   * {@return true when [start, start + quantity - 1] shares at least one address with this range}
   *
   * @param start the first address
   * @param quantity the number of addresses
   */
  public boolean overlaps(int start, int quantity) {
    if (quantity <= 0) {
      return false;
    }
    long end = (long) start + quantity - 1;
    return start <= last && end >= first;
  }
}
