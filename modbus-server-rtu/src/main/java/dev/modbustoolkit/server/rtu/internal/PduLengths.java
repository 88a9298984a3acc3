package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.pdu.ModbusPduCodec;
import java.nio.ByteBuffer;

/**
 * The PDU length rules the RTU framer needs, as a seam so framing tests can run on their own rules. The real
 * rules are {@link ModbusPduCodec#requestLength(ByteBuffer)} and {@link ModbusPduCodec#responseLength(ByteBuffer)}.
 */
public interface PduLengths {
  /** The prefix is too short to tell the length. */
  int NEED_MORE_BYTES = -1;
  /** The length cannot be told from the content (user-defined or unknown function code). */
  int UNKNOWN_LENGTH = -2;

  /** The whole PDU length of the request starting at {@code prefix.position()}, or one of the constants. */
  int requestLength(ByteBuffer prefix);

  /** The whole PDU length of the response starting at {@code prefix.position()}, or one of the constants. */
  int responseLength(ByteBuffer prefix);

  /** The codec's rules. */
  static PduLengths codec() {
    return CodecLengths.INSTANCE;
  }
}
