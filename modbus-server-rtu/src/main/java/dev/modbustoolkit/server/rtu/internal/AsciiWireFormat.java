package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.serial.AsciiFrameEncoder;

/**
 * ASCII: ':', the address, PDU and LRC as upper-case hex digit pairs, CR LF; a thin delegate to
 * modbus-serial-framing's {@link AsciiFrameEncoder}. For the fault pipeline the frame is this text: timing, splits,
 * copies, cuts, garbage and raw bytes work as on RTU; a field override writes its binary value over the first hex
 * digit of the field, which leaves a malformed frame (the client sees a corrupt answer rather than a well-formed
 * wrong one), and {@link #reseal} recomputes the LRC digits from the hex digits that are still valid.
 */
public record AsciiWireFormat(long characterNanos) implements WireFormat {

  @Override
  public int encode(int unitId, byte[] pdu, int pduLength, byte[] out) {
    return AsciiFrameEncoder.encode(unitId, pdu, 0, pduLength, out, 0);
  }

  @Override
  public int headerLength() {
    return AsciiFrameEncoder.HEADER_LENGTH;
  }

  @Override
  public int checksumLength() {
    return AsciiFrameEncoder.CHECKSUM_LENGTH;
  }

  @Override
  public int unitIdOffset() {
    return AsciiFrameEncoder.UNIT_ID_OFFSET;
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
    AsciiFrameEncoder.reseal(frame, length);
  }
}
