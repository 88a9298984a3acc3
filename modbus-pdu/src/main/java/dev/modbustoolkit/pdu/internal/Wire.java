package dev.modbustoolkit.pdu.internal;

import dev.modbustoolkit.pdu.ModbusDecodeException;
import dev.modbustoolkit.pdu.PduViolation;
import java.nio.ByteBuffer;

/**
 * Big-endian reads and writes independent of the buffer's byte order. Every read checks remaining() first, so a
 * short PDU becomes TRUNCATED and never a BufferUnderflowException.
 */
public final class Wire {
  private Wire() {}

  /** One unsigned byte. */
  public static int u8(ByteBuffer in, int fc) {
    need(in, 1, fc);
    return Byte.toUnsignedInt(in.get());
  }

  /** One unsigned big-endian 16-bit word. */
  public static int u16(ByteBuffer in, int fc) {
    need(in, 2, fc);
    int hi = Byte.toUnsignedInt(in.get());
    return (hi << 8) | Byte.toUnsignedInt(in.get());
  }

  /** TRUNCATED unless at least n bytes remain. */
  public static void need(ByteBuffer in, int n, int fc) {
    if (in.remaining() < n) {
      throw fail(PduViolation.TRUNCATED, fc, in.remaining(),
          "PDU truncated: " + n + " more bytes needed, " + in.remaining() + " left");
    }
  }

  /** TRAILING_BYTES unless the PDU is used up. */
  public static void end(ByteBuffer in, int fc) {
    if (in.hasRemaining()) {
      throw fail(PduViolation.TRAILING_BYTES, fc, in.remaining(), in.remaining() + " bytes left after the PDU");
    }
  }

  /** Exactly n bytes must remain: fewer is TRUNCATED, more is TRAILING_BYTES. */
  public static void exactly(ByteBuffer in, int n, int fc) {
    need(in, n, fc);
    if (in.remaining() > n) {
      throw fail(PduViolation.TRAILING_BYTES, fc, in.remaining() - n,
          (in.remaining() - n) + " bytes left after the PDU");
    }
  }

  /** The next n bytes as a new array. */
  public static byte[] bytes(ByteBuffer in, int n, int fc) {
    need(in, n, fc);
    byte[] out = new byte[n];
    in.get(out);
    return out;
  }

  /** The rest of the PDU as a new array. */
  public static byte[] rest(ByteBuffer in) {
    byte[] out = new byte[in.remaining()];
    in.get(out);
    return out;
  }

  /** The next n big-endian registers. */
  public static short[] words(ByteBuffer in, int n, int fc) {
    need(in, 2 * n, fc);
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      out[i] = (short) u16(in, fc);
    }
    return out;
  }

  /** A decode failure to throw. */
  public static ModbusDecodeException fail(PduViolation violation, int fc, long value, String message) {
    return new ModbusDecodeException(violation, fc, value, message);
  }

  /** Writes the low 8 bits of v. */
  public static void putU8(ByteBuffer out, int v) {
    out.put((byte) v);
  }

  /** Writes the low 16 bits of v big-endian. */
  public static void putU16(ByteBuffer out, int v) {
    out.put((byte) (v >>> 8));
    out.put((byte) v);
  }

  /** The unsigned byte at absolute index, without moving the position (for length prediction). */
  public static int u8At(ByteBuffer in, int index) {
    return Byte.toUnsignedInt(in.get(index));
  }

  /** The unsigned big-endian word at absolute index. */
  public static int u16At(ByteBuffer in, int index) {
    return (u8At(in, index) << 8) | u8At(in, index + 1);
  }
}
