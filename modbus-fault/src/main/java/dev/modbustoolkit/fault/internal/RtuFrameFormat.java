package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.serial.ModbusCrc16;

/** RTU: address, PDU, CRC-16 low byte first; resealing recomputes the CRC. */
public record RtuFrameFormat(long characterTimeNanos) implements FrameFormat {
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
  public void reseal(byte[] frame, int length) {
    if (length >= 3) {
      ModbusCrc16.append(frame, 0, length - 2);
    }
  }
}
