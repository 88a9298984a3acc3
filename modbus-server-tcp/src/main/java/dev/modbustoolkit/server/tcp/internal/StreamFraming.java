package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.fault.Transport;
import java.nio.ByteBuffer;

/**
 * How one connection's byte stream is cut into request frames and how answers are framed: MBAP for Modbus TCP,
 * address + PDU + CRC for RTU over TCP, ':' hex LRC CR LF for ASCII over TCP. A connection holds an instance of its own (it keeps
 * per-connection views and scratch state) and calls it from the thread serving the connection only.
 *
 * <p>The connection owns the buffers; a framing only looks at them. {@link #scan} never consumes anything, so a
 * partial frame stays where it is until more bytes arrive (the Netty {@code ByteToMessageDecoder} contract). It
 * reports its verdict as an int because it runs once per request on the allocation-free path: a positive frame
 * length, {@link #NEED_MORE}, or the negated number of leading bytes that cannot start a frame (to be skipped and
 * counted as a dropped frame).
 */
interface StreamFraming {
  /** {@link #scan} verdict: no complete frame yet. */
  int NEED_MORE = 0;

  /** The fault pipeline's name for this framing, which decides the actions that apply. */
  Transport transport();

  /** The frame layout the fault pipeline mutates answers by. */
  FrameFormat faultFormat();

  /** Whether the link is a bus: unit 0 is a broadcast and a unit nobody serves gets no answer. */
  boolean busAddressing();

  /** The longest frame this framing writes (the output buffer keeps that much room for each answer). */
  int maxFrameLength();

  /**
   * Looks at the bytes of {@code in} from its position to its limit without moving either.
   *
   * @return the length of the complete frame starting at the position, {@link #NEED_MORE}, or {@code -n}: the
   *     first {@code n} bytes start no frame and are to be skipped (a dropped frame)
   * @throws FramingException when the stream cannot be framed any further (the connection closes)
   */
  int scan(ByteBuffer in);

  /** The unit id of the frame of {@code frameLength} bytes at {@code start} that {@link #scan} just found. */
  int unitId(ByteBuffer in, int start);

  /** Its transaction id; 0 for framings without one. */
  int transactionId(ByteBuffer in, int start);

  /**
   * Its PDU, as a view positioned on it (position at the function code, limit at the PDU's end). The view is the
   * framing's own and is reused for the next frame: a view of {@code in} where the PDU is there in binary (MBAP,
   * RTU), decoded bytes where it is not (ASCII).
   */
  ByteBuffer pdu(ByteBuffer in, int start, int frameLength);

  /** Bytes reserved before an answer's PDU in the output buffer. */
  int headerLength();

  /**
   * Frames an answer whose PDU of {@code pduLength} bytes was written at {@code headerAt + headerLength()}: writes
   * the header at {@code headerAt} and any trailer, leaves {@code out}'s position at the frame's end and returns
   * the frame's length.
   */
  int seal(ByteBuffer out, int headerAt, int transactionId, int unitId, int pduLength);

  /** The stream can no longer be framed: its frame boundaries are lost. */
  final class FramingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FramingException(String message) {
      super(message, null, false, false);
    }
  }
}
