package dev.modbustoolkit.serial.internal;

import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.serial.PduLengths;
import java.nio.ByteBuffer;

/** {@link PduLengths} of the PDU codec, mapping its sentinels to ours. */
public enum CodecLengths implements PduLengths {
  /** The one instance. */
  INSTANCE;

  @Override
  public int requestLength(ByteBuffer prefix) {
    return map(ModbusPduCodec.requestLength(prefix));
  }

  @Override
  public int responseLength(ByteBuffer prefix) {
    return map(ModbusPduCodec.responseLength(prefix));
  }

  private static int map(int length) {
    if (length == ModbusPduCodec.NEED_MORE_BYTES) {
      return NEED_MORE;
    }
    if (length == ModbusPduCodec.UNKNOWN_LENGTH) {
      return UNKNOWN_LENGTH;
    }
    return length;
  }
}
