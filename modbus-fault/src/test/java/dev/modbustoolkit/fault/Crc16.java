package dev.modbustoolkit.fault;

/** CRC-16/Modbus (poly 0xA001 reflected, init 0xFFFF), written low byte first on the wire. */
final class Crc16 {
  private Crc16() {}

  static int of(byte[] data, int from, int to) {
    int crc = 0xFFFF;
    for (int i = from; i < to; i++) {
      crc ^= Byte.toUnsignedInt(data[i]);
      for (int b = 0; b < 8; b++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  /** True when the last two bytes of frame[0, length) are the CRC of the rest. */
  static boolean valid(byte[] frame, int length) {
    if (length < 3) {
      return false;
    }
    int crc = of(frame, 0, length - 2);
    return Byte.toUnsignedInt(frame[length - 2]) == (crc & 0xFF)
        && Byte.toUnsignedInt(frame[length - 1]) == (crc >>> 8);
  }

  static boolean valid(byte[] frame) {
    return valid(frame, frame.length);
  }
}
