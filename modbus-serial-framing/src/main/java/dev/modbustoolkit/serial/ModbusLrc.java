package dev.modbustoolkit.serial;

import java.util.Objects;

/**
 * The LRC of Modbus ASCII frames (Modbus over Serial Line V1.02, section 6.2.1): the two's complement of the
 * 8-bit sum of the address and PDU bytes (the binary values, not their hex characters). On the wire it is sent as
 * two hex characters before CR LF. Example: {@code 11 03 00 6B 00 03} has LRC 0x7E.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModbusLrc {
  private ModbusLrc() {}

  /**
   * {@return the LRC (0..0xFF) of {@code length} bytes of {@code bytes} from {@code offset}}
   *
   * @param bytes the bytes
   * @param offset the index of the first byte
   * @param length the number of bytes
   */
  public static int compute(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    int sum = 0;
    for (int i = offset; i < offset + length; i++) {
      sum += Byte.toUnsignedInt(bytes[i]);
    }
    return -sum & 0xFF;
  }

  /**
   * {@return the LRC (0..0xFF) of all of {@code bytes}}
   *
   * @param bytes the bytes
   */
  public static int compute(byte[] bytes) {
    return compute(bytes, 0, bytes.length);
  }

  /**
   * {@return whether the last of the {@code length} bytes from {@code offset} is the LRC of the bytes before it}
   *
   * @param frame the frame
   * @param offset the index of the first byte
   * @param length the number of bytes
   */
  public static boolean matches(byte[] frame, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, frame.length);
    if (length < 2) {
      return false;
    }
    return compute(frame, offset, length - 1) == Byte.toUnsignedInt(frame[offset + length - 1]);
  }
}
