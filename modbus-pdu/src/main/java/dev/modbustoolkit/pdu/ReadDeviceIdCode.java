package dev.modbustoolkit.pdu;

import java.util.Optional;

/** The Read Device ID code of MEI type 0x0E Read Device Identification (spec section 6.21). */
public enum ReadDeviceIdCode {
  /** Stream access to the basic objects 0x00..0x02. */
  BASIC(0x01),
  /** Stream access to the regular objects 0x03..0x7F. */
  REGULAR(0x02),
  /** Stream access to the extended objects 0x80..0xFF. */
  EXTENDED(0x03),
  /** Individual access to one object. */
  SPECIFIC(0x04);

  private final int code;

  ReadDeviceIdCode(int code) {
    this.code = code;
  }

  /** {@return the byte on the wire} */
  public int code() {
    return code;
  }

  /**
   * {@return the code with this value, empty outside 1..4}
   *
   * @param code the code
   */
  public static Optional<ReadDeviceIdCode> of(int code) {
    return code >= 1 && code <= 4 ? Optional.of(values()[code - 1]) : Optional.empty();
  }
}
