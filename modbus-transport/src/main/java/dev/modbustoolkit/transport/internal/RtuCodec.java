package dev.modbustoolkit.transport.internal;

import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.fault.FrameFormats;
import dev.modbustoolkit.fault.Transport;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.serial.ModbusCrc16;
import dev.modbustoolkit.transport.FrameCodec;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * RTU over TCP: address, PDU, CRC-16 (low byte first), as serial-to-Ethernet converters in transparent mode send
 * it. TCP carries no silences, so frames are found by their length and CRC alone:
 *
 * <ul>
 *   <li>A request whose length its function code tells is complete once that many bytes are there; its CRC decides
 *       whether it is a frame. With a wrong CRC the bytes are tried as another device's response (a transparent
 *       converter on a shared line passes those on) and skipped whole if they are one, else one byte is skipped.
 *   <li>A request of a length its content does not tell (user-defined function codes, FC08 with query data) ends at
 *       the first position where the CRC matches. A sender writes a frame at once, so it normally arrives whole.
 *   <li>Bytes that do not start a frame (garbage, a broken frame) are skipped up to the first complete frame with a
 *       valid CRC after them, counted as one dropped frame; while nothing after them is complete yet, they wait.
 * </ul>
 *
 * One per link.
 */
public final class RtuCodec implements FrameCodec {
  /** Address, a 253-byte PDU, CRC. */
  static final int MAX_FRAME = 256;
  /** Address, function code, CRC. */
  static final int MIN_FRAME = 4;

  private final FrameFormat format;
  private @Nullable ByteBuffer view;

  /** A codec for a link without character timing (a TCP stream). */
  public RtuCodec() {
    this(0);
  }

  /** A codec whose fault layout times gaps given in characters by {@code characterNanos} (a serial line). */
  public RtuCodec(long characterNanos) {
    this.format = FrameFormats.rtu(characterNanos);
  }

  @Override
  public Transport transport() {
    return Transport.RTU_OVER_TCP;
  }

  @Override
  public FrameFormat faultFormat() {
    return format;
  }

  @Override
  public boolean busAddressing() {
    return true;
  }

  @Override
  public int maxFrameLength() {
    return MAX_FRAME;
  }

  @Override
  public int scan(ByteBuffer in) {
    int start = in.position();
    int available = in.remaining();
    int here = frameAt(in, start, available, true);
    if (here > 0) {
      return here;
    }
    if (here == NEED_MORE && available < MAX_FRAME) {
      // Maybe a frame still arriving; maybe garbage before a frame that is already complete.
      int skip = firstFrameAfter(in, start, available);
      return skip > 0 ? -skip : NEED_MORE;
    }
    // Not a frame, or a whole frame's worth of bytes and still none: resynchronise one byte on.
    int skip = firstFrameAfter(in, start, available);
    return skip > 0 ? -skip : -1;
  }

  /** The first offset after {@code start} at which a complete, CRC-checked request or response lies, or 0. */
  private static int firstFrameAfter(ByteBuffer in, int start, int available) {
    for (int k = 1; k + MIN_FRAME <= available; k++) {
      if (frameAt(in, start + k, available - k, false) > 0) {
        return k;
      }
    }
    return 0;
  }

  /**
   * The frame at {@code at}: its length when complete with a matching CRC (as a request; then as a response of
   * another device, which is reported as a negative skip when {@code first}), {@link #NEED_MORE} when more bytes
   * could still make one, or -1 when none can start there.
   */
  private static int frameAt(ByteBuffer in, int at, int available, boolean first) {
    if (available < MIN_FRAME) {
      return NEED_MORE;
    }
    byte[] a = in.array();
    int base = in.arrayOffset() + at;
    int requestLength = pduLength(in, at, true);
    if (requestLength == ModbusPduCodec.NEED_MORE_BYTES) {
      return NEED_MORE;
    }
    if (requestLength == ModbusPduCodec.UNKNOWN_LENGTH) {
      if (!first) {
        // Only a frame whose length is known is trusted to end garbage before it (and the search stays linear).
        return NEED_MORE;
      }
      int end = Math.min(available, MAX_FRAME);
      for (int n = MIN_FRAME; n <= end; n++) {
        if (ModbusCrc16.matches(a, base, n)) {
          return n;
        }
      }
      return available >= MAX_FRAME ? -1 : NEED_MORE;
    }
    int frameLength = 1 + requestLength + 2;
    if (frameLength > MAX_FRAME) {
      return -1;
    }
    if (available >= frameLength && ModbusCrc16.matches(a, base, frameLength)) {
      return frameLength;
    }
    int responseLength = pduLength(in, at, false);
    if (responseLength > 0 && 3 + responseLength <= Math.min(available, MAX_FRAME)
        && ModbusCrc16.matches(a, base, 3 + responseLength)) {
      // Another device's answer: not a request to serve; the caller skips it whole.
      return first ? -(3 + responseLength) : 3 + responseLength;
    }
    return available >= frameLength ? -1 : NEED_MORE;
  }

  /** The request (or response) PDU length from the function code at {@code at + 1}, without moving anything. */
  private static int pduLength(ByteBuffer in, int at, boolean request) {
    int position = in.position();
    in.position(at + 1);
    try {
      return request ? ModbusPduCodec.requestLength(in) : ModbusPduCodec.responseLength(in);
    } finally {
      in.position(position);
    }
  }

  @Override
  public int unitId(ByteBuffer in, int start) {
    return Byte.toUnsignedInt(in.get(start));
  }

  @Override
  public int transactionId(ByteBuffer in, int start) {
    return 0;
  }

  @Override
  public ByteBuffer pdu(ByteBuffer in, int start, int frameLength) {
    ByteBuffer v = Views.of(view, in);
    view = v;
    return v.limit(start + frameLength - 2).position(start + 1);
  }

  @Override
  public int headerLength() {
    return 1;
  }

  @Override
  public int seal(ByteBuffer out, int headerAt, int transactionId, int unitId, int pduLength) {
    out.put(headerAt, (byte) unitId);
    ModbusCrc16.append(out.array(), out.arrayOffset() + headerAt, 1 + pduLength);
    int frameLength = 1 + pduLength + 2;
    out.position(headerAt + frameLength);
    return frameLength;
  }

  @Override
  public String toString() {
    return "RTU";
  }
}
