package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.serial.RtuFrameEncoder;

/** RTU: address, PDU, CRC-16 low byte first; a thin delegate to modbus-serial-framing's {@link RtuFrameEncoder}. */
public record RtuWireFormat(long characterNanos) implements WireFormat {

  @Override
  public int encode(int unitId, byte[] pdu, int pduLength, byte[] out) {
    return RtuFrameEncoder.encode(unitId, pdu, 0, pduLength, out, 0);
  }

  @Override
  public int headerLength() {
    return RtuFrameEncoder.HEADER_LENGTH;
  }

  @Override
  public int checksumLength() {
    return RtuFrameEncoder.CHECKSUM_LENGTH;
  }

  @Override
  public int unitIdOffset() {
    return RtuFrameEncoder.UNIT_ID_OFFSET;
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
    RtuFrameEncoder.reseal(frame, length);
  }
}
