package dev.modbustoolkit.client.internal;

import dev.modbustoolkit.client.ModbusProtocolException;
import dev.modbustoolkit.mbap.MbapHeader;
import java.util.Arrays;

/**
 * MBAP (Messaging on TCP/IP Implementation Guide V1.0b §3.1.3): transaction id, protocol id 0, length of unit id +
 * PDU, unit id. A frame with another protocol id is skipped whole; a length out of 2..254 loses the frame boundary
 * for good, so the link is dropped.
 */
public final class MbapClientFraming implements ClientFraming {
  private static final int HEADER = MbapHeader.HEADER_LENGTH;

  @Override
  public boolean transactionIds() {
    return true;
  }

  @Override
  public int maxFrameLength() {
    return MbapHeader.MAX_FRAME_LENGTH;
  }

  @Override
  public int encode(byte[] out, int transactionId, int unitId, byte[] pdu) {
    int length = pdu.length + 1;
    out[0] = (byte) (transactionId >>> 8);
    out[1] = (byte) transactionId;
    out[2] = 0;
    out[3] = 0;
    out[4] = (byte) (length >>> 8);
    out[5] = (byte) length;
    out[6] = (byte) unitId;
    System.arraycopy(pdu, 0, out, HEADER, pdu.length);
    return HEADER + pdu.length;
  }

  @Override
  public int scan(byte[] in, int start, int available, int expectedPduLength) {
    if (available < HEADER) {
      return 0;
    }
    int protocolId = u16(in, start + 2);
    int length = u16(in, start + 4);
    if (length < MbapHeader.MIN_LENGTH || length > MbapHeader.MAX_LENGTH) {
      throw new ModbusProtocolException(
          "MBAP length field " + length + " is out of " + MbapHeader.MIN_LENGTH + ".." + MbapHeader.MAX_LENGTH
              + ": the stream cannot be framed any more", null);
    }
    int frame = HEADER - 1 + length;
    if (available < frame) {
      return 0;
    }
    return protocolId == MbapHeader.MODBUS_PROTOCOL_ID ? frame : -frame;
  }

  @Override
  public int transactionId(byte[] in, int start) {
    return u16(in, start);
  }

  @Override
  public int unitId(byte[] in, int start) {
    return in[start + 6] & 0xFF;
  }

  @Override
  public byte[] pdu(byte[] in, int start, int length) {
    return Arrays.copyOfRange(in, start + HEADER, start + length);
  }

  private static int u16(byte[] in, int at) {
    return (in[at] & 0xFF) << 8 | in[at + 1] & 0xFF;
  }
}
