package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.fault.RequestInfo;
import java.nio.ByteBuffer;

/** What fault triggers look at, read straight from a request PDU (a view of the line input) without decoding it. */
final class RequestInfos {
  private RequestInfos() {}

  /** The unit, function code and address range of a request PDU; no range when the PDU is too short for one. */
  static RequestInfo of(int unitId, ByteBuffer pdu, long requestIndex) {
    int functionCode = pdu.hasRemaining() ? Byte.toUnsignedInt(pdu.get(pdu.position())) : 0;
    int address = u16(pdu, 1);
    int range =
        switch (functionCode) {
          // read/write ranges: address then quantity; 0x17 reports its read range
          case 0x01, 0x02, 0x03, 0x04, 0x0F, 0x10, 0x17 -> u16(pdu, 3);
          // single-address writes and mask write
          case 0x05, 0x06, 0x16 -> address < 0 ? -1 : 1;
          default -> -1;
        };
    if (address < 0 || range < 0) {
      return new RequestInfo(unitId, functionCode, 0, RequestInfo.NO_ADDRESS_RANGE, requestIndex);
    }
    return new RequestInfo(unitId, functionCode, address, range, requestIndex);
  }

  /** The u16 at {@code offset} from the PDU's start (its position, which is not moved), or -1 past its end. */
  private static int u16(ByteBuffer pdu, int offset) {
    if (pdu.remaining() < offset + 2) {
      return -1;
    }
    int at = pdu.position() + offset;
    return Byte.toUnsignedInt(pdu.get(at)) << 8 | Byte.toUnsignedInt(pdu.get(at + 1));
  }
}
