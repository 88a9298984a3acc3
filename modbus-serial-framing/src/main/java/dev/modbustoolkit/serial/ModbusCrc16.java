package dev.modbustoolkit.serial;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The CRC-16 of Modbus RTU frames (Modbus over Serial Line V1.02, section 6.2.2): reflected polynomial 0xA001,
 * initial value 0xFFFF, no final XOR. It covers the address and the PDU; on the wire it follows them low byte
 * first. Example: {@code 01 03 00 00 00 0A} has CRC 0xCDC5, sent as {@code C5 CD}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModbusCrc16 {
  /** The CRC of no bytes: the initial register value. */
  public static final int INITIAL = 0xFFFF;

  private static final int POLYNOMIAL = 0xA001;
  private static final int[] TABLE = table();

  private ModbusCrc16() {}

  /**
   * {@return the CRC (0..0xFFFF) of {@code length} bytes of {@code bytes} from {@code offset}}
   *
   * @param bytes the bytes
   * @param offset the index of the first byte
   * @param length the number of bytes
   */
  public static int compute(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    int crc = INITIAL;
    for (int i = offset; i < offset + length; i++) {
      crc = (crc >>> 8) ^ TABLE[(crc ^ Byte.toUnsignedInt(bytes[i])) & 0xFF];
    }
    return crc;
  }

  /**
   * {@return the CRC (0..0xFFFF) of the {@code length} bytes of {@code buffer} from absolute index {@code index}; the
   * buffer's position and limit are ignored and not moved}
   *
   * @param buffer the buffer
   * @param index the index
   * @param length the number of bytes
   */
  public static int compute(ByteBuffer buffer, int index, int length) {
    Objects.checkFromIndexSize(index, length, buffer.capacity());
    int crc = INITIAL;
    for (int i = index; i < index + length; i++) {
      crc = (crc >>> 8) ^ TABLE[(crc ^ Byte.toUnsignedInt(buffer.get(i))) & 0xFF];
    }
    return crc;
  }

  /**
   * As {@link #matches(byte[], int, int)} for the {@code length} bytes of {@code buffer} from absolute index
   * {@code index}.
   *
   * @param buffer the buffer
   * @param index the index
   * @param length the number of bytes
   * @return whether the CRC at the end of those bytes matches
   */
  public static boolean matches(ByteBuffer buffer, int index, int length) {
    Objects.checkFromIndexSize(index, length, buffer.capacity());
    if (length < 3) {
      return false;
    }
    int crc = compute(buffer, index, length - 2);
    int low = Byte.toUnsignedInt(buffer.get(index + length - 2));
    int high = Byte.toUnsignedInt(buffer.get(index + length - 1));
    return crc == (low | high << 8);
  }

  /**
   * {@return the CRC (0..0xFFFF) of all of {@code bytes}}
   *
   * @param bytes the bytes
   */
  public static int compute(byte[] bytes) {
    return compute(bytes, 0, bytes.length);
  }

  /**
   * {@return whether the {@code length} bytes from {@code offset} are a frame whose last two bytes are the CRC (low
   * byte first) of the bytes before them} Fewer than 3 bytes never match.
   *
   * @param frame the frame
   * @param offset the index of the first byte
   * @param length the number of bytes
   */
  public static boolean matches(byte[] frame, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, frame.length);
    if (length < 3) {
      return false;
    }
    int crc = compute(frame, offset, length - 2);
    int low = Byte.toUnsignedInt(frame[offset + length - 2]);
    int high = Byte.toUnsignedInt(frame[offset + length - 1]);
    return crc == (low | high << 8);
  }

  /**
   * Writes the CRC of {@code bytes[offset, offset + length)} right after them, low byte first. The array must
   * have two bytes of room at {@code offset + length}.
   *
   * @param bytes the bytes
   * @param offset the index of the first byte
   * @param length the number of bytes
   */
  public static void append(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length + 2, bytes.length);
    int crc = compute(bytes, offset, length);
    bytes[offset + length] = (byte) crc;
    bytes[offset + length + 1] = (byte) (crc >>> 8);
  }

  private static int[] table() {
    int[] table = new int[256];
    for (int i = 0; i < 256; i++) {
      int crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
      }
      table[i] = crc;
    }
    return table;
  }
}
