package dev.modbustoolkit.fault;

/**
 * What triggers look at in a request. Values are taken as the request carries them (even for a malformed
 * request), so every 8/16-bit wire value is accepted.
 *
 * @param unitId the unit id / slave address, 0..255
 * @param functionCode the function code byte, 0..255
 * @param startAddress the first address the request touches, 0..65535 (ignored when quantity is -1)
 * @param quantity how many addresses from startAddress, 0..65536, or {@link #NO_ADDRESS_RANGE} (-1) for function
 *     codes without an address range; a request with no range never matches an address trigger
 * @param requestIndex the server's running number of the request on its connection; informational only, the
 *     session counts requests itself
 */
public record RequestInfo(int unitId, int functionCode, int startAddress, int quantity, long requestIndex) {

  /** The quantity of a request that has no address range. */
  public static final int NO_ADDRESS_RANGE = -1;

  /** Validates. */
  public RequestInfo {
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException("unitId " + unitId + " out of range 0..255");
    }
    if (functionCode < 0 || functionCode > 255) {
      throw new IllegalArgumentException("functionCode " + functionCode + " out of range 0..255");
    }
    if (quantity < NO_ADDRESS_RANGE || quantity > 65536) {
      throw new IllegalArgumentException("quantity " + quantity + " out of range -1..65536");
    }
    if (quantity != NO_ADDRESS_RANGE && (startAddress < 0 || startAddress > 0xFFFF)) {
      throw new IllegalArgumentException("startAddress " + startAddress + " out of range 0..65535");
    }
    if (requestIndex < 0) {
      throw new IllegalArgumentException("requestIndex " + requestIndex + " is negative");
    }
  }

  /**
   * {@return a request with an address range}
   *
   * @param unitId the unit id (0..255)
   * @param functionCode the function code
   * @param startAddress the start address
   * @param quantity the number of addresses the request covers
   */
  public static RequestInfo of(int unitId, int functionCode, int startAddress, int quantity) {
    return new RequestInfo(unitId, functionCode, startAddress, quantity, 0);
  }

  /**
   * {@return a request without an address range (e.g. FC 07, 08, 11)}
   *
   * @param unitId the unit id (0..255)
   * @param functionCode the function code
   */
  public static RequestInfo withoutAddresses(int unitId, int functionCode) {
    return new RequestInfo(unitId, functionCode, 0, NO_ADDRESS_RANGE, 0);
  }

  /** {@return true when the request has an address range} */
  public boolean hasAddressRange() {
    return quantity != NO_ADDRESS_RANGE;
  }
}
