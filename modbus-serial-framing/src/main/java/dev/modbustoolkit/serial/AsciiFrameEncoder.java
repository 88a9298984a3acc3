package dev.modbustoolkit.serial;

import java.util.Objects;

/**
 * Writes ASCII frames (spec section 2.5.2): ':', the address, PDU and LRC as upper-case hex digit pairs, CR and
 * the delimiter (LF, or another character where Diagnostics 08/03 changed it), into the caller's array without
 * allocating. Also the frame's layout (for tools that edit fields of a frame) and {@link #reseal(byte[], int)},
 * which recomputes the LRC digits after such an edit. Stateless.
 */
public final class AsciiFrameEncoder {
  /** Characters before the PDU's digits: ':' and the address's two digits. */
  public static final int HEADER_LENGTH = 3;
  /** Characters after the PDU's digits: the LRC's two digits, CR and the delimiter. */
  public static final int CHECKSUM_LENGTH = 4;
  /** Where the address's digits are in a frame. */
  public static final int UNIT_ID_OFFSET = 1;
  /** The longest frame: ':', 2 x (1 + 253 + 1) hex digits, CR and the delimiter. */
  public static final int MAX_FRAME_LENGTH = 513;
  /** The spec's delimiter. */
  public static final int LF = '\n';

  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'
  };

  private AsciiFrameEncoder() {}

  /**
   * {@return the frame length for a PDU of {@code pduLength} bytes}
   *
   * @param pduLength the pdu length
   */
  public static int frameLength(int pduLength) {
    return HEADER_LENGTH + 2 * pduLength + CHECKSUM_LENGTH;
  }

  /**
   * As {@link #encode(int, byte[], int, int, byte[], int, int)} ending with CR LF.
   *
   * @param unitId the unit id (0..255)
   * @param pdu the PDU
   * @param pduOffset the pdu offset
   * @param pduLength the pdu length
   * @param out the buffer to write into
   * @param outOffset the out offset
   * @return the length of the frame written
   */
  public static int encode(int unitId, byte[] pdu, int pduOffset, int pduLength, byte[] out, int outOffset) {
    return encode(unitId, pdu, pduOffset, pduLength, out, outOffset, LF);
  }

  /**
   * Writes the frame of {@code unitId} and the PDU {@code pdu[pduOffset, pduOffset + pduLength)} into {@code out}
   * from {@code outOffset}, ending with CR and {@code delimiter}, and returns its length.
   *
   * @param unitId the unit id (0..255)
   * @param pdu the PDU
   * @param pduOffset the pdu offset
   * @param pduLength the pdu length
   * @param out the buffer to write into
   * @param outOffset the out offset
   * @param delimiter the delimiter
   * @return the length of the frame written
   * @throws IndexOutOfBoundsException when {@code out} has no room for the frame
   */
  public static int encode(
      int unitId, byte[] pdu, int pduOffset, int pduLength, byte[] out, int outOffset, int delimiter) {
    Objects.checkFromIndexSize(pduOffset, pduLength, pdu.length);
    Objects.checkFromIndexSize(outOffset, frameLength(pduLength), out.length);
    int i = outOffset;
    out[i++] = ':';
    i = hex(unitId & 0xFF, out, i);
    int sum = unitId;
    for (int k = pduOffset; k < pduOffset + pduLength; k++) {
      int b = Byte.toUnsignedInt(pdu[k]);
      sum += b;
      i = hex(b, out, i);
    }
    i = hex(-sum & 0xFF, out, i);
    out[i++] = '\r';
    out[i++] = (byte) delimiter;
    return i - outOffset;
  }

  /**
   * Rewrites the LRC digits of the {@code length}-character frame in {@code frame} from the digit pairs between
   * ':' and them; a pair that is not hex counts as 0. Frames shorter than 7 characters are left alone.
   *
   * @param frame the frame
   * @param length the number of bytes
   */
  public static void reseal(byte[] frame, int length) {
    if (length < HEADER_LENGTH + CHECKSUM_LENGTH) {
      return;
    }
    int end = length - CHECKSUM_LENGTH;
    int pairs = (end - 1) / 2;
    int sum = 0;
    for (int k = 0; k < pairs; k++) {
      int high = Character.digit(frame[1 + 2 * k], 16);
      int low = Character.digit(frame[2 + 2 * k], 16);
      sum += high < 0 || low < 0 ? 0 : high << 4 | low;
    }
    hex(-sum & 0xFF, frame, end);
  }

  private static int hex(int value, byte[] out, int i) {
    out[i] = HEX[value >>> 4 & 0x0F];
    out[i + 1] = HEX[value & 0x0F];
    return i + 2;
  }
}
