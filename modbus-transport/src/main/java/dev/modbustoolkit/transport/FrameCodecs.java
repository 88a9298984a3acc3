package dev.modbustoolkit.transport;

import dev.modbustoolkit.transport.internal.AsciiCodec;
import dev.modbustoolkit.transport.internal.MbapCodec;
import dev.modbustoolkit.transport.internal.RtuCodec;

/** The toolkit's frame codecs; each call makes a new codec for one link. */
public final class FrameCodecs {
  private FrameCodecs() {}

  /**
   * MBAP (Modbus Messaging on TCP/IP Implementation Guide V1.0b), for Modbus TCP and Modbus over UDP: a frame whose
   * protocol id is not 0 is skipped whole (not ours to answer); a length field out of 2..254 loses the frame
   * boundary ({@link FramingException}).
   *
   * @return the mbap
   */
  public static FrameCodec mbap() {
    return new MbapCodec();
  }

  /**
   * RTU over a byte stream (RTU over TCP): address, PDU, CRC-16, found by their length and CRC since a stream carries
   * no silences; bus addressing (unit 0 broadcast, other devices' units unanswered). See {@code RtuCodec} for how
   * garbage, other devices' answers and frames of unknown length are handled.
   *
   * @return the rtu
   */
  public static FrameCodec rtu() {
    return new RtuCodec();
  }

  /**
   * ASCII over a byte stream: ':' hex digits, LRC, CR LF; bus addressing.
   *
   * @return the ascii
   */
  public static FrameCodec ascii() {
    return new AsciiCodec();
  }

  /**
   * RTU on a serial line, for its answers only (the line's own decoder finds the frames by their silences): the
   * fault layout times gaps given in characters by {@code characterNanos}.
   *
   * @param characterNanos one character on the line, in nanoseconds
   * @return a new codec for one line
   */
  public static FrameCodec rtu(long characterNanos) {
    return new RtuCodec(requireNonNegative(characterNanos));
  }

  /**
   * ASCII on a serial line, for its answers only; see {@link #rtu(long)}.
   *
   * @param characterNanos one character on the line, in nanoseconds
   * @return a new codec for one line
   */
  public static FrameCodec ascii(long characterNanos) {
    return new AsciiCodec(requireNonNegative(characterNanos));
  }

  private static long requireNonNegative(long characterNanos) {
    if (characterNanos < 0) {
      throw new IllegalArgumentException("characterNanos " + characterNanos + " is negative");
    }
    return characterNanos;
  }
}
