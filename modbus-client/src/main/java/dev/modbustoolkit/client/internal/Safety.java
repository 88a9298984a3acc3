package dev.modbustoolkit.client.internal;

/**
 * Which requests are reads, safe to send twice. A request that may change the device (a write, a restart, a
 * counter reset, an unknown or user-defined function code) is not.
 */
final class Safety {
  private Safety() {}

  static boolean isRead(byte[] pdu) {
    int fc = pdu[0] & 0xFF;
    return switch (fc) {
      case 0x01, 0x02, 0x03, 0x04, 0x07, 0x0B, 0x0C, 0x11, 0x14, 0x18 -> true;
      case 0x08 -> pdu.length >= 3 && isReadOnlyDiagnostic((pdu[1] & 0xFF) << 8 | pdu[2] & 0xFF);
      case 0x2B -> pdu.length >= 2 && (pdu[1] & 0xFF) == 0x0E;
      default -> false;
    };
  }

  // Return query data, return diagnostic register and the counters 0x0B-0x12 only read; restart (01), change
  // delimiter (03), listen only (04), clear counters (0A, 14) change the device.
  private static boolean isReadOnlyDiagnostic(int subFunction) {
    return subFunction == 0x00 || subFunction == 0x02 || subFunction >= 0x0B && subFunction <= 0x12;
  }
}
