package dev.modbustoolkit.transport.internal;

/**
 * Whether the start of an RTU request still arriving looks like one a master would send (Modbus over Serial Line
 * V1.02 2.2: unit ids 0..247; Modbus Application Protocol V1.1b3 6.11, 6.12, 6.14, 6.15, 6.17: the byte counts and
 * quantities of the variable-length requests). {@link RtuCodec} waits for such a request instead of taking a frame
 * that lies inside it by chance; the checks keep garbage that merely starts with a known function code from being
 * waited for as often.
 */
final class RequestHeaders {
  /** The highest unit id a master addresses on a serial line; 248..255 are reserved. */
  private static final int MAX_UNIT = 247;

  private RequestHeaders() {}

  /**
   * {@return whether the request header at {@code base} (unit id, function code, ...) agrees with the request rules
   * of its function code} Called once the function code has told the frame's length, so the fields that length was
   * read from (the byte counts) and those before them are there.
   */
  static boolean plausible(byte[] a, int base) {
    if (u8(a, base) > MAX_UNIT) {
      return false;
    }
    return switch (u8(a, base + 1)) {
      // Write Multiple Coils: quantity 1..0x07B0, byte count = ceil(quantity / 8).
      case 0x0F -> quantityFits(a, base + 4, 0x07B0, u8(a, base + 6), (u16(a, base + 4) + 7) / 8);
      // Write Multiple Registers: quantity 1..0x007B, byte count = 2 x quantity.
      case 0x10 -> quantityFits(a, base + 4, 0x007B, u8(a, base + 6), 2 * u16(a, base + 4));
      // Read File Record: byte count 0x07..0xF5; Write File Record: request data length 0x09..0xFB.
      case 0x14 -> between(u8(a, base + 2), 0x07, 0xF5);
      case 0x15 -> between(u8(a, base + 2), 0x09, 0xFB);
      // Read/Write Multiple Registers: read quantity 1..0x7D, write quantity 1..0x79, byte count = 2 x write quantity.
      case 0x17 -> between(u16(a, base + 4), 1, 0x7D)
          && quantityFits(a, base + 8, 0x79, u8(a, base + 10), 2 * u16(a, base + 8));
      default -> true;
    };
  }

  private static boolean quantityFits(byte[] a, int quantityAt, int maxQuantity, int byteCount, int expected) {
    return between(u16(a, quantityAt), 1, maxQuantity) && byteCount == expected;
  }

  private static boolean between(int value, int low, int high) {
    return value >= low && value <= high;
  }

  private static int u8(byte[] a, int i) {
    return a[i] & 0xFF;
  }

  private static int u16(byte[] a, int i) {
    return (a[i] & 0xFF) << 8 | a[i + 1] & 0xFF;
  }
}
