package dev.modbustoolkit.mbap.internal;

import java.nio.ByteBuffer;

/**
 * Absolute big-endian access to unsigned wire fields. Assembling bytes by hand keeps the result independent of
 * the caller's {@link ByteBuffer#order()}, which MBAP must ignore.
 */
public final class Bytes {
  private Bytes() {}

  /** The unsigned byte at {@code index}. */
  public static int u8(ByteBuffer buf, int index) {
    return Byte.toUnsignedInt(buf.get(index));
  }

  /** The unsigned big-endian 16-bit value at {@code index}. */
  public static int u16(ByteBuffer buf, int index) {
    return (u8(buf, index) << 8) | u8(buf, index + 1);
  }

  /** Writes the low 16 bits of {@code value} big-endian at {@code index}. */
  public static void putU16(ByteBuffer buf, int index, int value) {
    buf.put(index, (byte) (value >>> 8));
    buf.put(index + 1, (byte) value);
  }

  /** Lower-case hex of {@code buf}'s remaining bytes, space separated; does not move its position. */
  public static String hex(ByteBuffer buf) {
    StringBuilder sb = new StringBuilder(buf.remaining() * 3);
    for (int i = buf.position(); i < buf.limit(); i++) {
      if (i > buf.position()) {
        sb.append(' ');
      }
      sb.append(Character.forDigit(u8(buf, i) >>> 4, 16)).append(Character.forDigit(u8(buf, i) & 0xF, 16));
    }
    return sb.toString();
  }
}
