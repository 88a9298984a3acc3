package dev.modbustoolkit.transport;

import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.fault.Transport;
import java.nio.ByteBuffer;

/**
 * How the bytes of one link are cut into request frames and how answers are framed: MBAP for Modbus TCP and UDP,
 * address + PDU + CRC for RTU over TCP, ':' hex LRC CR LF for ASCII over TCP ({@link FrameCodecs}). A link holds an
 * instance of its own (codecs keep per-link views and scratch state) and calls it from the thread serving the link.
 *
 * <p>The link owns the buffers; a codec only looks at them. {@link #scan} never consumes anything, so a partial
 * frame stays where it is until more bytes arrive (the contract of Netty's {@code ByteToMessageDecoder}). It runs
 * once per request on the allocation-free path, so it reports its verdict as an int: a positive frame length,
 * {@link #NEED_MORE}, or the negated number of leading bytes that start no frame (to be skipped and counted as a
 * dropped frame). A datagram link calls it once per datagram: anything but the datagram's full length is a drop.
 */
public interface FrameCodec {
  /** {@link #scan} verdict: no complete frame yet. */
  int NEED_MORE = 0;

  /** {@return what the link can do as the fault pipeline sees it (which decides the actions that apply)} */
  Transport transport();

  /** {@return the frame layout the fault pipeline mutates answers by} */
  FrameFormat faultFormat();

  /** {@return whether the link is a bus: unit 0 is a broadcast and a unit nobody serves gets no answer} */
  boolean busAddressing();

  /**
   * {@return the longest frame this codec writes: a link keeps that much room in its output buffer for each answer}
   */
  int maxFrameLength();

  /**
   * Looks at the bytes of {@code in} from its position to its limit, moving neither.
   *
   * @param in the buffer to read from
   * @return the length of the complete frame starting at the position, {@link #NEED_MORE}, or {@code -n}: the
   *     first {@code n} bytes start no frame and are to be skipped
   * @throws FramingException when the stream cannot be framed any further (a stream link closes)
   */
  int scan(ByteBuffer in);

  /**
   * {@return the unit id of the frame {@link #scan} just found at {@code start}}
   *
   * @param in the buffer to read from
   * @param start the index in {@code in} where the frame starts
   */
  int unitId(ByteBuffer in, int start);

  /**
   * {@return its transaction id; 0 for framings without one}
   *
   * @param in the buffer to read from
   * @param start the index in {@code in} where the frame starts
   */
  int transactionId(ByteBuffer in, int start);

  /**
   * {@return its PDU, as a view positioned on it (position at the function code, limit at the PDU's end)} The view is
   * the codec's own and is reused for the next frame: a view of {@code in} where the PDU is there in binary (MBAP,
   * RTU), decoded bytes where it is not (ASCII).
   *
   * @param in the buffer to read from
   * @param start the index in {@code in} where the frame starts
   * @param frameLength the frame length
   */
  ByteBuffer pdu(ByteBuffer in, int start, int frameLength);

  /** {@return bytes reserved before an answer's PDU in the output buffer} */
  int headerLength();

  /**
   * {@return frames an answer whose PDU of {@code pduLength} bytes was written at {@code headerAt + headerLength()}:
   * writes the header at {@code headerAt} and any trailer, leaves {@code out}'s position at the frame's end and
   * returns the frame's length}
   *
   * @param out the buffer to write into
   * @param headerAt the header at
   * @param transactionId the transaction id (0..65535)
   * @param unitId the unit id (0..255)
   * @param pduLength the pdu length
   */
  int seal(ByteBuffer out, int headerAt, int transactionId, int unitId, int pduLength);
}
