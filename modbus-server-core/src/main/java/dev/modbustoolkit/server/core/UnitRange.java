package dev.modbustoolkit.server.core;

/**
 * A contiguous range of unit ids, {@code first..last} inclusive, as received on the wire (0..255): what a route
 * covers ({@link ModbusDispatcher.Builder#route(UnitRange, ModbusRequestHandler)}) instead of one registration per
 * unit. Validated where it is built, so a range that exists is a valid one.
 *
 * @param first the lowest unit id of the range, 0..255
 * @param last the highest unit id of the range, {@code first}..255
 */
public record UnitRange(int first, int last) {
  /** Every unit a serial line addresses individually, 1..247 (0 is the broadcast, 248..255 are reserved). */
  public static final UnitRange SERIAL_UNITS = new UnitRange(1, 247);

  /**
   * Rejects ids outside 0..255 and an empty range.
   *
   * @throws IllegalArgumentException naming the offending value
   */
  public UnitRange {
    if (first < 0 || first > 0xFF) {
      throw new IllegalArgumentException("first unit id " + first + " out of range 0..255");
    }
    if (last < first || last > 0xFF) {
      throw new IllegalArgumentException("last unit id " + last + " out of range " + first + "..255");
    }
  }

  /**
   * {@return the range {@code first..last}}
   *
   * @param first the lowest unit id, 0..255
   * @param last the highest unit id, {@code first}..255
   * @throws IllegalArgumentException when either id is out of range or {@code last < first}
   */
  public static UnitRange of(int first, int last) {
    return new UnitRange(first, last);
  }

  /**
   * {@return the range of the one unit id {@code unitId}}
   *
   * @param unitId the unit id, 0..255
   * @throws IllegalArgumentException when {@code unitId} is outside 0..255
   */
  public static UnitRange single(int unitId) {
    return new UnitRange(unitId, unitId);
  }

  /**
   * {@return whether {@code unitId} is in the range}
   *
   * @param unitId any int
   */
  public boolean contains(int unitId) {
    return unitId >= first && unitId <= last;
  }

  /** {@return how many unit ids the range holds} */
  public int size() {
    return last - first + 1;
  }

  @Override
  public String toString() {
    return first == last ? "unit " + first : "units " + first + ".." + last;
  }
}
