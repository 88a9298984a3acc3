package dev.modbustoolkit.mbap;

import static dev.modbustoolkit.mbap.MbapHeader.HEADER_LENGTH;
import static dev.modbustoolkit.mbap.MbapHeader.MAX_LENGTH;
import static dev.modbustoolkit.mbap.MbapHeader.MIN_LENGTH;
import static dev.modbustoolkit.mbap.MbapHeader.MODBUS_PROTOCOL_ID;

import dev.modbustoolkit.mbap.internal.Bytes;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Splits a Modbus TCP byte stream into MBAP frames.
 *
 * <p>Typical read loop (the buffer is in "read" mode between {@code flip()} and {@code compact()}):
 *
 * <pre>{@code
 * channel.read(buf);
 * buf.flip();
 * try {
 *   MbapFrame frame;
 *   while ((frame = decoder.decode(buf)) != null) {
 *     handle(frame);                  // decode the PDU here: the frame is a view of buf
 *   }
 * } catch (MbapFrameException e) {
 *   if (!e.frameDropped()) close();   // frame boundary lost
 *   // else: the bad frame was skipped; loop again for the next one
 * }
 * buf.compact();
 * }</pre>
 *
 * <p>Rules, all at {@code in.position()} and never past {@code in.limit()}:
 *
 * <ul>
 *   <li>Fewer bytes than a whole frame: {@code null}, nothing consumed (the position is unchanged), so the caller
 *       simply reads more and calls again. A buffer with several frames yields them one per call, in order.
 *   <li>The header is checked as soon as its 7 bytes are present, without waiting for the body: a length field
 *       outside {@value MbapHeader#MIN_LENGTH}..{@value MbapHeader#MAX_LENGTH} throws {@link MbapFrameException}
 *       ({@link MbapViolation#LENGTH_TOO_SHORT} / {@link MbapViolation#LENGTH_TOO_LONG}) with nothing consumed and
 *       {@link MbapFrameException#frameDropped()} false: the frame boundary is unknown and <b>the caller must
 *       close the connection</b>.
 *   <li>A valid length but a protocol id other than 0: the decoder waits (returns {@code null}) until the whole
 *       frame is there, then consumes it and throws {@link MbapViolation#PROTOCOL_ID_NOT_MODBUS} with {@code
 *       frameDropped()} true; the caller may keep decoding the next frame.
 * </ul>
 *
 * <p>The decoder holds no state (the buffer is the state) and is thread-safe; one per connection or one shared
 * instance are equally fine. Byte order of {@code in} is ignored: MBAP is always big-endian.
 *
 * <p>Servers that want no allocation at all can use the static {@link #frameLength(ByteBuffer)} and the peek
 * accessors, and hand {@code [position + 7, position + frameLength)} to the PDU decoder themselves.
 */
public final class MbapFrameDecoder {

  /** Returned by {@link #frameLength(ByteBuffer)} while the frame at the position is incomplete. */
  public static final int NEED_MORE = -1;

  /** Creates a decoder. It has no state; see the class comment. */
  public MbapFrameDecoder() {}

  /**
   * Decodes the frame at {@code in.position()}.
   *
   * @param in the buffer to read from
   * @return the frame, with {@code in} advanced past it; or {@code null} if {@code in} does not yet hold a whole
   *     frame, with {@code in} untouched. The frame's PDU is a view of {@code in}: see {@link MbapFrame}.
   * @throws MbapFrameException for a bad header; see the class comment for what was consumed
   */
  public @Nullable MbapFrame decode(ByteBuffer in) {
    int frameLength = frameLength(in);
    if (frameLength == NEED_MORE) {
      return null;
    }
    int start = in.position();
    MbapHeader header =
        new MbapHeader(
            transactionId(in, start), MODBUS_PROTOCOL_ID, length(in, start), unitId(in, start));
    // A read-only window [pdu start, frame end); MbapFrame slices it, so the PDU view starts at 0.
    ByteBuffer window = in.asReadOnlyBuffer();
    window.limit(start + frameLength).position(start + HEADER_LENGTH);
    in.position(start + frameLength);
    return new MbapFrame(header, window);
  }

  /**
   * The size of the whole frame at {@code in.position()}, header included, once all of it is in {@code in}.
   * Allocation-free; the PDU then occupies {@code [position + 7, position + frameLength)}.
   *
   * <p>Does not move the position, with one exception that keeps the stream in step: a complete frame whose
   * protocol id is not 0 is skipped (the position moves past it) before {@link MbapFrameException} with {@link
   * MbapFrameException#frameDropped()} true is thrown. Exactly the rules of {@link #decode(ByteBuffer)}.
   *
   * @param in the buffer to read from
   * @return the frame length (8..260), or {@link #NEED_MORE} if the header or the body is incomplete
   * @throws MbapFrameException for a bad header; for a bad length nothing is consumed and the caller must close
   *     the connection
   */
  public static int frameLength(ByteBuffer in) {
    int start = in.position();
    int available = in.remaining();
    if (available < HEADER_LENGTH) {
      return NEED_MORE;
    }
    int length = length(in, start);
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new MbapFrameException(
          length < MIN_LENGTH ? MbapViolation.LENGTH_TOO_SHORT : MbapViolation.LENGTH_TOO_LONG,
          transactionId(in, start),
          protocolId(in, start),
          length,
          unitId(in, start));
    }
    int frameLength = HEADER_LENGTH - 1 + length;
    if (available < frameLength) {
      return NEED_MORE;
    }
    int protocolId = protocolId(in, start);
    if (protocolId != MODBUS_PROTOCOL_ID) {
      // Only now, with the whole frame present, can it be skipped without desynchronising the stream.
      in.position(start + frameLength);
      throw new MbapFrameException(
          MbapViolation.PROTOCOL_ID_NOT_MODBUS, transactionId(in, start), protocolId, length, unitId(in, start));
    }
    return frameLength;
  }

  /**
   * {@return the transaction id of the header starting at absolute index {@code offset} (needs 2 bytes there)}
   *
   * @param in the buffer to read from
   * @param offset the absolute index it starts at
   */
  public static int transactionId(ByteBuffer in, int offset) {
    return Bytes.u16(in, offset);
  }

  /**
   * {@return the protocol id of the header starting at absolute index {@code offset} (needs 4 bytes there)}
   *
   * @param in the buffer to read from
   * @param offset the absolute index it starts at
   */
  public static int protocolId(ByteBuffer in, int offset) {
    return Bytes.u16(in, offset + 2);
  }

  /**
   * {@return the raw length field of the header starting at absolute index {@code offset} (needs 6 bytes there)}
   *
   * @param in the buffer to read from
   * @param offset the absolute index it starts at
   */
  public static int length(ByteBuffer in, int offset) {
    return Bytes.u16(in, offset + 4);
  }

  /**
   * {@return the unit id of the header starting at absolute index {@code offset} (needs 7 bytes there)}
   *
   * @param in the buffer to read from
   * @param offset the absolute index it starts at
   */
  public static int unitId(ByteBuffer in, int offset) {
    return Bytes.u8(in, offset + 6);
  }
}
