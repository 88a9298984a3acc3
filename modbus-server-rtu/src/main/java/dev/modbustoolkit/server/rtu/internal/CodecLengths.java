package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.pdu.ModbusPduCodec;
import java.nio.ByteBuffer;

/** {@link PduLengths} of the PDU codec, mapping its sentinels to ours. */
enum CodecLengths implements PduLengths {
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
      return NEED_MORE_BYTES;
    }
    if (length == ModbusPduCodec.UNKNOWN_LENGTH) {
      return UNKNOWN_LENGTH;
    }
    return length;
  }
}
