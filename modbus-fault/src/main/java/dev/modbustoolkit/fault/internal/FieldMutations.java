package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.FrameFormat;
import java.util.Arrays;
import java.util.List;

/** Step 2 of the order of application: field overrides, one reseal, then MBAP length and CRC corruption. */
final class FieldMutations {
  private FieldMutations() {}

  static byte[] apply(List<Activation> activations, byte[] frame, int length, FrameFormat format) {
    byte[] c = Arrays.copyOf(frame, length);
    int fcOffset = format.headerLength();
    // The byte count's presence depends on the function code as dispatched, not as a fault may rewrite it.
    int functionCode = fcOffset >= 0 && fcOffset < length ? Byte.toUnsignedInt(c[fcOffset]) : -1;
    boolean changed = false;
    for (Activation a : activations) {
      if (a.action() instanceof ActionSpec.WrongByteCount w) {
        int width = byteCountWidth(functionCode);
        if (width > 0) {
          changed |= set(c, length, fcOffset + 1, width, v -> w.value().apply(v, width, a.random()));
        }
      }
    }
    for (Activation a : activations) {
      if (a.action() instanceof ActionSpec.WrongUnitId w) {
        changed |= set(c, length, format.unitIdOffset(), 8, v -> w.value().apply(v, 8, a.random()));
      }
    }
    for (Activation a : activations) {
      if (a.action() instanceof ActionSpec.WrongFunctionCode w) {
        changed |= set(c, length, fcOffset, 8, v -> w.value().apply(v, 8, a.random()));
      }
    }
    for (Activation a : activations) {
      if (a.action() instanceof ActionSpec.WrongTransactionId w) {
        changed |= set(c, length, format.transactionIdOffset(), 16, v -> w.value().apply(v, 16, a.random()));
      }
    }
    if (changed) {
      format.reseal(c, length);
    }
    for (Activation a : activations) {
      if (a.action() instanceof ActionSpec.WrongMbapLength w) {
        set(c, length, format.lengthFieldOffset(), 16, v -> w.value().apply(v, 16, a.random()));
      }
    }
    for (Activation a : activations) {
      if (a.action() instanceof ActionSpec.CorruptCrc crc) {
        corruptChecksum(c, length, format.checksumLength(), crc);
      }
    }
    return c;
  }

  /** 8 for responses with a one-byte count, 16 for FC 18's two-byte count, 0 for none (or an exception). */
  static int byteCountWidth(int functionCode) {
    return switch (functionCode) {
      case 0x01, 0x02, 0x03, 0x04, 0x0C, 0x11, 0x14, 0x15, 0x17 -> 8;
      case 0x18 -> 16;
      default -> 0;
    };
  }

  private static boolean set(byte[] c, int length, int offset, int bits, java.util.function.IntUnaryOperator f) {
    int bytes = bits / 8;
    if (offset < 0 || offset + bytes > length) {
      return false;
    }
    int old =
        bits == 8
            ? Byte.toUnsignedInt(c[offset])
            : (Byte.toUnsignedInt(c[offset]) << 8) | Byte.toUnsignedInt(c[offset + 1]);
    int v = f.applyAsInt(old);
    if (bits == 8) {
      c[offset] = (byte) v;
    } else {
      c[offset] = (byte) (v >>> 8);
      c[offset + 1] = (byte) v;
    }
    return true;
  }

  private static void corruptChecksum(byte[] c, int length, int checkBytes, ActionSpec.CorruptCrc crc) {
    if (checkBytes == 2 && length >= 2) {
      int lo = Byte.toUnsignedInt(c[length - 2]);
      int hi = Byte.toUnsignedInt(c[length - 1]);
      int old = lo | hi << 8;
      int v =
          switch (crc.mode()) {
            case ZERO -> 0;
            case INVERT -> ~old & 0xFFFF;
            case XOR -> old ^ crc.xorMask();
            case SWAP -> (lo << 8) | hi;
          };
      if (v == old) {
        v ^= 0x0100; // the low bit of the last byte on the wire
      }
      c[length - 2] = (byte) v;
      c[length - 1] = (byte) (v >>> 8);
    } else if (checkBytes == 1 && length >= 1) {
      int old = Byte.toUnsignedInt(c[length - 1]);
      int v =
          switch (crc.mode()) {
            case ZERO -> 0;
            case INVERT -> ~old & 0xFF;
            case XOR -> old ^ (crc.xorMask() & 0xFF);
            case SWAP -> ((old << 4) | (old >>> 4)) & 0xFF;
          };
      if (v == old) {
        v ^= 0x01;
      }
      c[length - 1] = (byte) v;
    }
  }
}
