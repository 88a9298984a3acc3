package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.serial.ModbusLrc;
import java.nio.charset.StandardCharsets;

/**
 * ASCII: ':', the address, PDU and LRC as upper-case hex digit pairs, CR LF. For the fault pipeline the frame is
 * this text: timing, splits, copies, cuts, garbage and raw bytes work as on RTU; a field override writes its
 * binary value over the first hex digit of the field, which leaves a malformed frame (the client sees a corrupt
 * answer rather than a well-formed wrong one), and {@link #reseal} recomputes the LRC digits from the hex digits
 * that are still valid.
 */
public record AsciiWireFormat(long characterNanos) implements WireFormat {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  @Override
  public int encode(int unitId, byte[] pdu, int pduLength, byte[] out) {
    int i = 0;
    out[i++] = ':';
    i = hex(unitId, out, i);
    int sum = unitId;
    for (int k = 0; k < pduLength; k++) {
      int b = Byte.toUnsignedInt(pdu[k]);
      sum += b;
      i = hex(b, out, i);
    }
    i = hex(-sum & 0xFF, out, i);
    out[i++] = '\r';
    out[i++] = '\n';
    return i;
  }

  private static int hex(int value, byte[] out, int i) {
    out[i] = HEX[value >>> 4 & 0x0F];
    out[i + 1] = HEX[value & 0x0F];
    return i + 2;
  }

  @Override
  public int headerLength() {
    return 3;
  }

  @Override
  public int checksumLength() {
    return 4;
  }

  @Override
  public int unitIdOffset() {
    return 1;
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
    // Digits between ':' and the LRC digits; a digit pair that is not hex counts as 0.
    if (length < 7) {
      return;
    }
    int end = length - 4;
    byte[] values = new byte[(end - 1) / 2];
    for (int k = 0; k < values.length; k++) {
      int high = Character.digit(frame[1 + 2 * k], 16);
      int low = Character.digit(frame[2 + 2 * k], 16);
      values[k] = (byte) (high < 0 || low < 0 ? 0 : high << 4 | low);
    }
    hex(ModbusLrc.compute(values), frame, end);
  }
}
