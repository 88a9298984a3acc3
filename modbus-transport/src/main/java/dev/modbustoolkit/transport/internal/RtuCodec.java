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
 *       converter on a shared line passes those on) and skipped whole if they are one, else they are garbage
 *       (the last rule).
 *   <li>While such a request is still arriving and its header is plausible (a unit id of at most 247, and for FC
 *       0F, 10, 14, 15 and 17 a byte count that agrees with the quantity the spec allows), nothing after its start is
 *       looked at: a converter that passes a request on in pieces must not have a frame that lies inside it by
 *       chance (a matching CRC, about one in 65536 per position) served in its stead. The cost is on garbage that
 *       looks like such a header: the frames after it wait until enough bytes have arrived to refute it.
 *   <li>A request of a length its content does not tell (user-defined function codes, FC08 with query data) ends at
 *       the first position where the CRC matches, unless a complete frame of known length lies after its start and
 *       ends no later: that one is taken after garbage. Both rules see the same bytes however they were cut into
 *       reads, so the result does not depend on the chunking.
 *   <li>Bytes that do not start a frame (garbage, a broken frame) are skipped up to the first complete frame with a
 *       valid CRC after them, counted as one dropped frame; while nothing after them is complete yet, they wait (up
 *       to a whole frame's worth of bytes, then one byte is skipped). A broadcast read found there is taken for a
 *       chance CRC match and passed over (a broadcast is a write, Serial Line V1.02 2.1).
 * </ul>
 *
 * <p>One case still depends on the chunking: after garbage, a request still arriving, within whose bytes so far a
 * shorter unicast frame starts and ends with a matching CRC by chance (about one in 65536 per position). Fed in
 * pieces, that shorter frame is complete first and is taken; fed whole, the request is. Waiting for every plausible
 * frame still arriving would close this, but would also hold the frame after any garbage until more bytes come,
 * which a master waiting for its answer never sends.
 *
 * One per link.
 */
public final class RtuCodec implements FrameCodec {
  /** Address, a 253-byte PDU, CRC. */
  static final int MAX_FRAME = 256;
  /** Address, function code, CRC. */
  static final int MIN_FRAME = 4;
  /** {@link #frameAt} verdict: no frame can start here. */
  private static final int NONE = Integer.MIN_VALUE;
  /** {@link #frameAt} verdict: a plausible request still arriving starts here; nothing after it is looked at. */
  private static final int ARRIVING = Integer.MIN_VALUE + 1;

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
    if (here == ARRIVING) {
      return NEED_MORE;
    }
    if (here != NEED_MORE && here != NONE) {
      return here; // a frame, or bytes to skip whole
    }
    int skip = firstFrameAfter(in, start, available);
    if (skip > 0) {
      return -skip;
    }
    // Maybe a frame still arriving here or after bytes that start none: wait for it, as the bytes fed whole would
    // have shown it. Skipping one byte now could land on garbage that claims the bytes of that frame. Only a whole
    // frame's worth of bytes with no frame in them resynchronises one byte on.
    return available < MAX_FRAME ? NEED_MORE : -1;
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
   * The frame at {@code at}: its length when complete with a matching CRC (as a request, or as a response of another
   * device), {@link #NEED_MORE} when more bytes could still make one, or {@link #NONE} when none can start there.
   * When {@code first} (the scan's own position), also {@link #ARRIVING} for a plausible request still arriving,
   * and the negated number of bytes to skip for another device's response or garbage before a frame.
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
      return first ? unknownLengthAt(in, at, available) : NEED_MORE;
    }
    int frameLength = 1 + requestLength + 2;
    if (frameLength > MAX_FRAME) {
      return NONE;
    }
    if (available >= frameLength && ModbusCrc16.matches(a, base, frameLength)) {
      // Inside garbage, a broadcast read is a chance CRC match, not a request (Serial Line 2.1: a broadcast is
      // a write): taken, it would end the garbage at a point the bytes fed whole would not.
      return first || !broadcastRead(a, base) ? frameLength : NONE;
    }
    int responseLength = pduLength(in, at, false);
    if (responseLength > 0 && 3 + responseLength <= Math.min(available, MAX_FRAME)
        && ModbusCrc16.matches(a, base, 3 + responseLength)) {
      // Another device's answer: not a request to serve; the scan skips it whole.
      return first ? -(3 + responseLength) : 3 + responseLength;
    }
    if (available >= frameLength) {
      return NONE;
    }
    return first && RequestHeaders.plausible(a, base) ? ARRIVING : NEED_MORE;
  }

  /**
   * A request of unknown length at the scan's position: it ends at the first CRC match, unless a complete frame of
   * known length lies after its start and ends no later (then the bytes before that frame are skipped). Only a
   * frame of known length is trusted to end garbage, so the search stays linear.
   */
  private static int unknownLengthAt(ByteBuffer in, int at, int available) {
    byte[] a = in.array();
    int base = in.arrayOffset() + at;
    int end = Math.min(available, MAX_FRAME);
    for (int n = MIN_FRAME; n <= end; n++) {
      if (ModbusCrc16.matches(a, base, n)) {
        int skip = firstFrameAfter(in, at, n);
        return skip > 0 ? -skip : n;
      }
    }
    return available >= MAX_FRAME ? NONE : NEED_MORE;
  }

  /** Whether the frame at {@code base} is addressed to unit 0 with a function code that only reads. */
  private static boolean broadcastRead(byte[] a, int base) {
    if (a[base] != 0) {
      return false;
    }
    return switch (Byte.toUnsignedInt(a[base + 1])) {
      case 0x01, 0x02, 0x03, 0x04, 0x07, 0x0B, 0x0C, 0x11, 0x14, 0x17, 0x18, 0x2B -> true;
      default -> false;
    };
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
