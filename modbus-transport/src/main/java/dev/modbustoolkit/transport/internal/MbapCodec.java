package dev.modbustoolkit.transport.internal;

import static dev.modbustoolkit.mbap.MbapHeader.HEADER_LENGTH;
import static dev.modbustoolkit.mbap.MbapHeader.MAX_FRAME_LENGTH;

import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.fault.FrameFormats;
import dev.modbustoolkit.fault.Transport;
import dev.modbustoolkit.mbap.MbapFrameDecoder;
import dev.modbustoolkit.mbap.MbapFrameEncoder;
import dev.modbustoolkit.mbap.MbapFrameException;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FramingException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Modbus TCP: MBAP header + PDU. A frame whose protocol id is not 0 is skipped whole (not ours to answer); a
 * length field out of range loses the frame boundary and closes the connection. One per connection, for its PDU view.
 */
public final class MbapCodec implements FrameCodec {
  private @Nullable ByteBuffer view;

  /** A codec for one link. */
  public MbapCodec() {}

  @Override
  public Transport transport() {
    return Transport.TCP;
  }

  @Override
  public FrameFormat faultFormat() {
    return FrameFormats.mbap();
  }

  @Override
  public boolean busAddressing() {
    return false;
  }

  @Override
  public int maxFrameLength() {
    return MAX_FRAME_LENGTH;
  }

  @Override
  public int scan(ByteBuffer in) {
    int start = in.position();
    try {
      int length = MbapFrameDecoder.frameLength(in);
      return length == MbapFrameDecoder.NEED_MORE ? NEED_MORE : length;
    } catch (MbapFrameException e) {
      if (!e.frameDropped()) {
        throw new FramingException(e.getMessage());
      }
      // The decoder stepped over the whole frame to keep the stream in step: report it as bytes to skip.
      int skipped = in.position() - start;
      in.position(start);
      return -skipped;
    }
  }

  @Override
  public int unitId(ByteBuffer in, int start) {
    return MbapFrameDecoder.unitId(in, start);
  }

  @Override
  public int transactionId(ByteBuffer in, int start) {
    return MbapFrameDecoder.transactionId(in, start);
  }

  @Override
  public ByteBuffer pdu(ByteBuffer in, int start, int frameLength) {
    ByteBuffer v = Views.of(view, in);
    view = v;
    // Limit first: it may only shrink below the old position, which then follows it down.
    return v.limit(start + frameLength).position(start + HEADER_LENGTH);
  }

  @Override
  public int headerLength() {
    return HEADER_LENGTH;
  }

  @Override
  public int seal(ByteBuffer out, int headerAt, int transactionId, int unitId, int pduLength) {
    out.position(headerAt);
    MbapFrameEncoder.writeHeader(transactionId, unitId, pduLength, out);
    int frameLength = HEADER_LENGTH + pduLength;
    out.position(headerAt + frameLength);
    return frameLength;
  }

  @Override
  public String toString() {
    return "MBAP";
  }
}
