package dev.modbustoolkit.testkit;

/**
 * The check sums of the serial framings, computed the slow way straight from the spec (Modbus over Serial Line
 * V1.02, 6.2.2 and 6.2.1): bit by bit, no table. An oracle for tests, independent of the production code's tables.
 */
public final class Checksums {
  private Checksums() {}

  /** CRC-16/Modbus of {@code bytes}: initial 0xFFFF, reflected polynomial 0xA001, no final xor. */
  public static int crc16(byte[] bytes) {
    return crc16(bytes, 0, bytes.length);
  }

  /** CRC-16/Modbus of {@code bytes[offset, offset + length)}. */
  public static int crc16(byte[] bytes, int offset, int length) {
    int crc = 0xFFFF;
    for (int i = offset; i < offset + length; i++) {
      crc ^= bytes[i] & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  /** LRC of {@code bytes}: the two's complement of their sum, modulo 256. */
  public static int lrc(byte[] bytes) {
    int sum = 0;
    for (byte b : bytes) {
      sum += b & 0xFF;
    }
    return -sum & 0xFF;
  }
}
