package dev.modbustoolkit.pdu.internal;

import static dev.modbustoolkit.pdu.internal.Wire.u16At;
import static dev.modbustoolkit.pdu.internal.Wire.u8At;

import dev.modbustoolkit.pdu.DiagnosticSubFunction;
import dev.modbustoolkit.pdu.ModbusLimits;
import java.nio.ByteBuffer;

/**
 * PDU length prediction from a prefix, for RTU framing where only the PDU itself tells where a frame ends. Uses
 * absolute reads only, so the buffer position never moves.
 */
public final class FrameLength {
  /** The prefix is too short to tell. */
  public static final int NEED_MORE_BYTES = -1;
  /** The length is not determined by the PDU's own fields (user-defined, opaque or unknown function codes). */
  public static final int UNKNOWN_LENGTH = -2;

  private FrameLength() {}

  /** Total length of the request starting at prefix.position(). */
  public static int request(ByteBuffer prefix) {
    int p = prefix.position();
    int n = prefix.remaining();
    if (n < 1) {
      return NEED_MORE_BYTES;
    }
    return switch (u8At(prefix, p)) {
      case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 -> 5;
      case 0x07, 0x0B, 0x0C, 0x11 -> 1;
      case 0x08 -> n < 3 ? NEED_MORE_BYTES : diagnostics(u16At(prefix, p + 1));
      case 0x0F, 0x10 -> n < 6 ? NEED_MORE_BYTES : 6 + u8At(prefix, p + 5);
      case 0x14, 0x15 -> n < 2 ? NEED_MORE_BYTES : 2 + u8At(prefix, p + 1);
      case 0x16 -> 7;
      case 0x17 -> n < 10 ? NEED_MORE_BYTES : 10 + u8At(prefix, p + 9);
      case 0x18 -> 3;
      case 0x2B -> n < 2 ? NEED_MORE_BYTES
          : u8At(prefix, p + 1) == ModbusLimits.MEI_READ_DEVICE_IDENTIFICATION ? 4 : UNKNOWN_LENGTH;
      default -> UNKNOWN_LENGTH;
    };
  }

  /** Total length of the response starting at prefix.position(). */
  public static int response(ByteBuffer prefix) {
    int p = prefix.position();
    int n = prefix.remaining();
    if (n < 1) {
      return NEED_MORE_BYTES;
    }
    int fc = u8At(prefix, p);
    if (fc >= ModbusLimits.EXCEPTION_OFFSET) {
      return 2;
    }
    return switch (fc) {
      case 0x01, 0x02, 0x03, 0x04, 0x0C, 0x11, 0x14, 0x15, 0x17 ->
          n < 2 ? NEED_MORE_BYTES : 2 + u8At(prefix, p + 1);
      case 0x05, 0x06, 0x0B, 0x0F, 0x10 -> 5;
      case 0x07 -> 2;
      case 0x08 -> n < 3 ? NEED_MORE_BYTES : diagnostics(u16At(prefix, p + 1));
      case 0x16 -> 7;
      case 0x18 -> n < 3 ? NEED_MORE_BYTES : 3 + u16At(prefix, p + 1);
      case 0x2B -> n < 2 ? NEED_MORE_BYTES : deviceIdentification(prefix, p, n);
      default -> UNKNOWN_LENGTH;
    };
  }

  // Every sub-function but RETURN_QUERY_DATA carries one data word; query data has any length.
  private static int diagnostics(int subFunction) {
    return subFunction == DiagnosticSubFunction.RETURN_QUERY_DATA.code()
        || DiagnosticSubFunction.of(subFunction).isEmpty() ? UNKNOWN_LENGTH : 5;
  }

  // Walks the (id, length, value) triples: the length is known once every object length byte is in.
  private static int deviceIdentification(ByteBuffer prefix, int p, int n) {
    if (u8At(prefix, p + 1) != ModbusLimits.MEI_READ_DEVICE_IDENTIFICATION) {
      return UNKNOWN_LENGTH;
    }
    if (n < 7) {
      return NEED_MORE_BYTES;
    }
    int objects = u8At(prefix, p + 6);
    int offset = 7;
    for (int i = 0; i < objects; i++) {
      if (n < offset + 2) {
        return NEED_MORE_BYTES;
      }
      offset += 2 + u8At(prefix, p + offset + 1);
    }
    return offset;
  }
}
