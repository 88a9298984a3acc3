package dev.modbustoolkit.client.internal;

import dev.modbustoolkit.pdu.FunctionCode;
import dev.modbustoolkit.serial.ModbusCrc16;
import dev.modbustoolkit.serial.PduLengths;
import dev.modbustoolkit.serial.RtuFrameDecoder;
import dev.modbustoolkit.serial.RtuFrameEncoder;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * RTU answers in a byte stream (RTU over TCP, and a serial line before its silence fallback): address, PDU, CRC,
 * found by the answer's length from its function code (Serial Line V1.02 leaves the length to the PDU) and checked
 * by the CRC. Bytes that start no valid frame are skipped one at a time, which resynchronises after noise. An answer
 * whose length its function code does not tell (a user-defined code) ends at the first CRC that matches, unless the
 * request told the length (FC 08 echoes its request). On a serial line ({@link #forSerialLine()}) such an answer
 * ends at the silence after it instead ({@link #scanAtSilence}): a CRC that happens to match part way through a
 * longer frame cannot cut it short there.
 */
public final class RtuClientFraming implements ClientFraming {
  private final PduLengths lengths;
  private final boolean silenceEndsUnknownLengths;

  /** For a byte stream (RTU over TCP), with the codec's response lengths. */
  public RtuClientFraming() {
    this(PduLengths.codec());
  }

  /**
   * For a byte stream, with other length rules (a device with user-defined function codes of fixed length).
   *
   * @param lengths the rules
   */
  public RtuClientFraming(PduLengths lengths) {
    this(lengths, false);
  }

  private RtuClientFraming(PduLengths lengths, boolean silenceEndsUnknownLengths) {
    this.lengths = lengths;
    this.silenceEndsUnknownLengths = silenceEndsUnknownLengths;
  }

  /**
   * {@return the framing for a serial line: answers of known length end at their length and CRC, without waiting
   * for silence; the others at the t3.5 silence after their last byte}
   */
  public static RtuClientFraming forSerialLine() {
    return new RtuClientFraming(PduLengths.codec(), true);
  }

  @Override
  public boolean transactionIds() {
    return false;
  }

  @Override
  public int maxFrameLength() {
    return RtuFrameDecoder.MAX_FRAME;
  }

  @Override
  public int encode(byte[] out, int transactionId, int unitId, byte[] pdu) {
    return RtuFrameEncoder.encode(unitId, pdu, 0, pdu.length, out, 0);
  }

  @Override
  public int scan(byte[] in, int start, int available, int expectedPduLength) {
    if (available < 2) {
      return 0;
    }
    int pduLength = lengths.responseLength(ByteBuffer.wrap(in, start + 1, available - 1).slice());
    if (pduLength == PduLengths.NEED_MORE) {
      return available >= RtuFrameDecoder.MAX_FRAME ? -1 : 0;
    }
    if (pduLength == PduLengths.UNKNOWN_LENGTH && expectedPduLength > 0) {
      pduLength = expectedPduLength;
    }
    if (pduLength == PduLengths.UNKNOWN_LENGTH && !mayBeOfUnknownLength(in[start + 1] & 0xFF)) {
      return -1; // no answer starts with this function code: noise
    }
    if (pduLength == PduLengths.UNKNOWN_LENGTH && silenceEndsUnknownLengths) {
      return available >= RtuFrameDecoder.MAX_FRAME ? -1 : 0; // the silence after it ends it
    }
    if (pduLength == PduLengths.UNKNOWN_LENGTH) {
      int limit = Math.min(available, RtuFrameDecoder.MAX_FRAME);
      for (int frame = RtuFrameDecoder.MIN_FRAME; frame <= limit; frame++) {
        if (ModbusCrc16.matches(in, start, frame)) {
          return frame;
        }
      }
      return available >= RtuFrameDecoder.MAX_FRAME ? -1 : 0;
    }
    int frame = 1 + pduLength + RtuFrameEncoder.CHECKSUM_LENGTH;
    if (frame > RtuFrameDecoder.MAX_FRAME) {
      return -1;
    }
    if (available < frame) {
      return 0;
    }
    return ModbusCrc16.matches(in, start, frame) ? frame : -1;
  }

  // Only FC 08 (its echo's length is the request's) and user-defined codes leave the length to the CRC; any other
  // code the rules do not know (0, 0x09, ...) starts no answer.
  private static boolean mayBeOfUnknownLength(int functionCode) {
    return functionCode == 0x08 || FunctionCode.isUserDefined(functionCode);
  }

  // At silence the pending bytes are one frame when they are long enough and their CRC matches, else noise (or a
  // frame cut short) that is dropped whole.
  @Override
  public int scanAtSilence(byte[] in, int start, int available, int expectedPduLength) {
    if (available >= RtuFrameDecoder.MIN_FRAME && available <= RtuFrameDecoder.MAX_FRAME
        && ModbusCrc16.matches(in, start, available)) {
      return available;
    }
    return -available;
  }

  @Override
  public int transactionId(byte[] in, int start) {
    return 0;
  }

  @Override
  public int unitId(byte[] in, int start) {
    return in[start] & 0xFF;
  }

  @Override
  public byte[] pdu(byte[] in, int start, int length) {
    return Arrays.copyOfRange(in, start + 1, start + length - RtuFrameEncoder.CHECKSUM_LENGTH);
  }
}
