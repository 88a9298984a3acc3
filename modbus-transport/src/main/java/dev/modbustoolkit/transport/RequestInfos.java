package dev.modbustoolkit.transport;

import dev.modbustoolkit.fault.RequestInfo;
import java.nio.ByteBuffer;

/**
 * What fault triggers look at, read straight from the request PDU bytes without decoding it (the dispatcher
 * decodes later, and only if the plan lets it). For transports that plan requests themselves; {@link Exchange#plan}
 * does it for the others.
 */
public final class RequestInfos {
  /**
   * One request description per unit id for an empty pipeline, so a request costs no allocation while no fault is
   * installed. The session still counts the request (close-after-N counts every request of a connection). A fault
   * added in the instant between the emptiness check and the plan sees function code 0 and no address range, so
   * function-code and address filters do not match: as if the request had been planned just before the addition.
   */
  private static final RequestInfo[] UNPLANNED = new RequestInfo[256];

  static {
    for (int unit = 0; unit < UNPLANNED.length; unit++) {
      UNPLANNED[unit] = new RequestInfo(unit, 0, 0, RequestInfo.NO_ADDRESS_RANGE, 0);
    }
  }

  private RequestInfos() {}

  /**
   * {@return the shared, allocation-free description used while the pipeline is empty}
   *
   * @param unitId the unit id (0..255)
   */
  public static RequestInfo unplanned(int unitId) {
    return UNPLANNED[unitId & 0xFF];
  }

  /**
   * {@return the unit, function code and address range of the request PDU {@code pdu[pduStart, pduStart + pduLength)};
   * no range for function codes without one or when the PDU is too short to carry it}
   *
   * @param unitId the unit id (0..255)
   * @param pdu the PDU
   * @param pduStart the pdu start
   * @param pduLength the pdu length
   * @param requestIndex the request index
   */
  public static RequestInfo of(int unitId, ByteBuffer pdu, int pduStart, int pduLength, long requestIndex) {
    int functionCode = pduLength < 1 ? 0 : Byte.toUnsignedInt(pdu.get(pduStart));
    int address = u16(pdu, pduStart, pduLength, 1);
    int quantity =
        switch (functionCode) {
          // address then quantity; FC 0x17 reports its read range
          case 0x01, 0x02, 0x03, 0x04, 0x0F, 0x10, 0x17 -> u16(pdu, pduStart, pduLength, 3);
          // one address: single writes and mask write
          case 0x05, 0x06, 0x16 -> address < 0 ? -1 : 1;
          default -> -1;
        };
    if (address < 0 || quantity < 0) {
      return new RequestInfo(unitId, functionCode, 0, RequestInfo.NO_ADDRESS_RANGE, requestIndex);
    }
    return new RequestInfo(unitId, functionCode, address, quantity, requestIndex);
  }

  private static int u16(ByteBuffer pdu, int pduStart, int pduLength, int offset) {
    if (pduLength < offset + 2) {
      return -1;
    }
    return Byte.toUnsignedInt(pdu.get(pduStart + offset)) << 8 | Byte.toUnsignedInt(pdu.get(pduStart + offset + 1));
  }
}
