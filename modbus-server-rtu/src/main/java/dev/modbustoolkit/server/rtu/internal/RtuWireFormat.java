package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.serial.ModbusCrc16;

/** RTU: address, PDU, CRC-16 low byte first. */
public record RtuWireFormat(long characterNanos) implements WireFormat {

  @Override
  public int encode(int unitId, byte[] pdu, int pduLength, byte[] out) {
    out[0] = (byte) unitId;
    System.arraycopy(pdu, 0, out, 1, pduLength);
    ModbusCrc16.append(out, 0, 1 + pduLength);
    return pduLength + 3;
  }

  @Override
  public int headerLength() {
    return 1;
  }

  @Override
  public int checksumLength() {
    return 2;
  }

  @Override
  public int unitIdOffset() {
    return 0;
  }

  @Override
  public int transactionIdOffset() {
    return -1;
  }

  @Override
  public int lengthFieldOffset() {
    return -1;
  }

  @Override
  public long characterTimeNanos() {
    return characterNanos;
  }

  @Override
  public void reseal(byte[] frame, int length) {
    if (length >= 3) {
      ModbusCrc16.append(frame, 0, length - 2);
    }
  }
}
