package dev.modbustoolkit.transport.internal;

import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.fault.FrameFormats;
import dev.modbustoolkit.fault.Transport;
import dev.modbustoolkit.transport.FrameCodec;
import java.nio.ByteBuffer;

/**
 * ASCII over TCP: ':', address, PDU and LRC as hex digit pairs, CR LF. A frame runs from ':' to LF; bytes before a
 * ':' and a frame cut short by the next ':' are skipped, as is a frame with a bad digit, an odd digit count, a
 * missing CR or a wrong LRC (each a dropped frame). Digits are accepted in either case; answers use upper case.
 * The PDU is decoded into a buffer of the codec's own. One per link.
 */
public final class AsciiCodec implements FrameCodec {
  /** ':', 2 x (address + 253-byte PDU + LRC) digits, CR LF. */
  static final int MAX_FRAME = 1 + 2 * 255 + 2;
  /** ':', address, function code and LRC digits, CR LF. */
  static final int MIN_FRAME = 1 + 6 + 2;

  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

  private final FrameFormat format;

  /** A codec for a link without character timing (a TCP stream). */
  public AsciiCodec() {
    this(0);
  }

  /** A codec whose fault layout times gaps given in characters by {@code characterNanos} (a serial line). */
  public AsciiCodec(long characterNanos) {
    this.format = FrameFormats.ascii(characterNanos);
  }

  /** Address, PDU and LRC of the frame last scanned. */
  private final ByteBuffer decoded = ByteBuffer.allocate(255);
  private int decodedFrom = -1;
  private int decodedLength;

  @Override
  public Transport transport() {
    return Transport.ASCII_OVER_TCP;
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
    int limit = in.limit();
    decodedFrom = -1;
    if (start == limit) {
      return NEED_MORE;
    }
    if (in.get(start) != ':') {
      int next = indexOf(in, (byte) ':', start + 1, limit);
      return -((next < 0 ? limit : next) - start);
    }
    for (int i = start + 1; i < limit; i++) {
      byte b = in.get(i);
      if (b == ':') {
        // A new frame began before this one ended.
        return -(i - start);
      }
      if (b == '\n') {
        int frameLength = i + 1 - start;
        return decode(in, start, frameLength) ? frameLength : -frameLength;
      }
      if (i + 1 - start >= MAX_FRAME) {
        return -(i + 1 - start);
      }
    }
    return NEED_MORE;
  }

  private static int indexOf(ByteBuffer in, byte value, int from, int limit) {
    for (int i = from; i < limit; i++) {
      if (in.get(i) == value) {
        return i;
      }
    }
    return -1;
  }

  /** Decodes the digits of the frame into {@link #decoded}; false when it is not a valid frame. */
  private boolean decode(ByteBuffer in, int start, int frameLength) {
    if (frameLength < MIN_FRAME || in.get(start + frameLength - 2) != '\r') {
      return false;
    }
    int digits = frameLength - 3;
    if (digits % 2 != 0) {
      return false;
    }
    decoded.clear();
    int sum = 0;
    for (int i = start + 1; i < start + 1 + digits; i += 2) {
      int high = Character.digit(in.get(i), 16);
      int low = Character.digit(in.get(i + 1), 16);
      if (high < 0 || low < 0) {
        return false;
      }
      int value = high << 4 | low;
      sum += value;
      decoded.put((byte) value);
    }
    if ((sum & 0xFF) != 0) {
      return false;
    }
    decodedLength = decoded.position();
    decodedFrom = start;
    return true;
  }

  private void ensureDecoded(ByteBuffer in, int start) {
    if (decodedFrom != start) {
      int lf = indexOf(in, (byte) '\n', start, in.limit());
      if (lf < 0 || !decode(in, start, lf + 1 - start)) {
        throw new IllegalStateException("no valid ASCII frame at " + start);
      }
    }
  }

  @Override
  public int unitId(ByteBuffer in, int start) {
    ensureDecoded(in, start);
    return Byte.toUnsignedInt(decoded.get(0));
  }

  @Override
  public int transactionId(ByteBuffer in, int start) {
    return 0;
  }

  @Override
  public ByteBuffer pdu(ByteBuffer in, int start, int frameLength) {
    ensureDecoded(in, start);
    // Address first, LRC last; limit first, as it may only shrink below the old position.
    return decoded.limit(decodedLength - 1).position(1);
  }

  @Override
  public int headerLength() {
    // ':' and the address; the PDU is written in binary after them and then turned into digits in place.
    return 2;
  }

  @Override
  public int seal(ByteBuffer out, int headerAt, int transactionId, int unitId, int pduLength) {
    byte[] a = out.array();
    int base = out.arrayOffset() + headerAt;
    // Binary address, PDU and LRC at base + 1 ..., then each byte i becomes digits at base + 1 + 2i, last first,
    // so no byte is overwritten before it was read.
    a[base + 1] = (byte) unitId;
    int sum = 0;
    for (int i = 0; i < 1 + pduLength; i++) {
      sum += a[base + 1 + i] & 0xFF;
    }
    int bytes = 1 + pduLength + 1;
    a[base + bytes] = (byte) -sum;
    for (int i = bytes - 1; i >= 0; i--) {
      int value = a[base + 1 + i] & 0xFF;
      a[base + 1 + 2 * i] = HEX[value >>> 4];
      a[base + 2 + 2 * i] = HEX[value & 0x0F];
    }
    a[base] = ':';
    int end = 1 + 2 * bytes;
    a[base + end] = '\r';
    a[base + end + 1] = '\n';
    int frameLength = end + 2;
    out.position(headerAt + frameLength);
    return frameLength;
  }

  @Override
  public String toString() {
    return "ASCII";
  }
}
