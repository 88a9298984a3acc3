package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.serial.ModbusLrc;

/**
 * ASCII: ':', the address, PDU and LRC as upper-case hex digit pairs, CR LF. For the fault pipeline the frame is this
 * text: timing, splits, copies, cuts, garbage and raw bytes work as on RTU; a field override writes its binary value
 * over the first hex digit of the field, which leaves a malformed frame (the client sees a corrupt answer rather
 * than a well-formed wrong one), and {@link #reseal} recomputes the LRC digits from the hex digits that are still
 * valid.
 */
public record AsciiFrameFormat(long characterTimeNanos) implements FrameFormat {
  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

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
    int lrc = ModbusLrc.compute(values);
    frame[end] = HEX[lrc >>> 4 & 0x0F];
    frame[end + 1] = HEX[lrc & 0x0F];
  }
}
