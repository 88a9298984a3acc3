package dev.modbustoolkit.serial;

import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.serial.internal.CodecLengths;
import java.nio.ByteBuffer;

/**
 * How long the request or response PDU at the start of some bytes is: what an RTU decoder needs to find a frame's
 * end without waiting for the t3.5 silence. The real rules are {@link ModbusPduCodec#requestLength(ByteBuffer)}
 * and {@link ModbusPduCodec#responseLength(ByteBuffer)} ({@link #codec()}); the interface is a seam so that
 * framing can run on other rules (a device with user-defined function codes of fixed length, or a test).
 *
 * <p>Results are an {@code int}: a length of at least 1, or one of the two negative outcomes {@link #NEED_MORE}
 * and {@link #UNKNOWN_LENGTH}. An int rather than an outcome object because a decoder asks up to twice per byte
 * it examines; the constants never leave the decoder.
 */
public interface PduLengths {
  /** The prefix is too short to tell the length: more bytes are needed. */
  int NEED_MORE = -1;
  /** The length cannot be told from the content (user-defined or unknown function code, FC 08): end at silence. */
  int UNKNOWN_LENGTH = -2;

  /**
   * {@return the whole PDU length of the request starting at {@code prefix.position()} (looking no further than {@code
   * prefix.limit()}), or {@link #NEED_MORE} or {@link #UNKNOWN_LENGTH}} Must not move the position or limit.
   *
   * @param prefix the prefix
   */
  int requestLength(ByteBuffer prefix);

  /**
   * As {@link #requestLength(ByteBuffer)} for a response PDU (exception responses are 2 bytes).
   *
   * @param prefix the prefix
   * @return the response length
   */
  int responseLength(ByteBuffer prefix);

  /** {@return the rules of modbus-pdu's codec, for every public function code} */
  static PduLengths codec() {
    return CodecLengths.INSTANCE;
  }
}
