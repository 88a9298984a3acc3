package dev.modbustoolkit.client.internal;

import dev.modbustoolkit.serial.AsciiFrameEncoder;
import dev.modbustoolkit.serial.ModbusLrc;
import java.util.Arrays;

/**
 * ASCII answers (Serial Line V1.02 §2.5.2): ':' then the address, PDU and LRC as pairs of hex digits (either case
 * accepted), then CR LF. Bytes before a ':' are skipped; a frame with a bad digit, an odd digit count, no CR before
 * the LF or a wrong LRC is skipped whole.
 */
public final class AsciiClientFraming implements ClientFraming {
  // The binary content (address, PDU, LRC) of the frame the last scan found.
  private final byte[] decoded = new byte[AsciiFrameEncoder.MAX_FRAME_LENGTH / 2];
  private int decodedLength;
  private int decodedStart = -1;

  @Override
  public boolean transactionIds() {
    return false;
  }

  @Override
  public int maxFrameLength() {
    return AsciiFrameEncoder.MAX_FRAME_LENGTH;
  }

  @Override
  public int encode(byte[] out, int transactionId, int unitId, byte[] pdu) {
    return AsciiFrameEncoder.encode(unitId, pdu, 0, pdu.length, out, 0);
  }

  @Override
  public int scan(byte[] in, int start, int available, int expectedPduLength) {
    decodedStart = -1;
    if (available == 0) {
      return 0;
    }
    if (in[start] != ':') {
      int colon = 1;
      while (colon < available && in[start + colon] != ':') {
        colon++;
      }
      return -colon;
    }
    int lf = 1;
    while (lf < available && in[start + lf] != AsciiFrameEncoder.LF) {
      if (in[start + lf] == ':') {
        return -lf; // a new frame starts before this one ended
      }
      lf++;
    }
    if (lf == available) {
      return available >= AsciiFrameEncoder.MAX_FRAME_LENGTH ? -available : 0;
    }
    int frame = lf + 1;
    int digits = lf - 2; // between ':' and CR
    if (in[start + lf - 1] != '\r' || digits < 6 || digits % 2 != 0) {
      return -frame;
    }
    int n = digits / 2;
    for (int i = 0; i < n; i++) {
      int hi = Character.digit(in[start + 1 + 2 * i], 16);
      int lo = Character.digit(in[start + 2 + 2 * i], 16);
      if (hi < 0 || lo < 0) {
        return -frame;
      }
      decoded[i] = (byte) (hi << 4 | lo);
    }
    if (!ModbusLrc.matches(decoded, 0, n)) {
      return -frame;
    }
    decodedLength = n;
    decodedStart = start;
    return frame;
  }

  @Override
  public int transactionId(byte[] in, int start) {
    return 0;
  }

  @Override
  public int unitId(byte[] in, int start) {
    checkScanned(start);
    return decoded[0] & 0xFF;
  }

  @Override
  public byte[] pdu(byte[] in, int start, int length) {
    checkScanned(start);
    return Arrays.copyOfRange(decoded, 1, decodedLength - 1);
  }

  private void checkScanned(int start) {
    if (start != decodedStart) {
      throw new IllegalStateException("no frame was scanned at " + start);
    }
  }
}
