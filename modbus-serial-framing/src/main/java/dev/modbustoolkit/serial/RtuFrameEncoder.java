package dev.modbustoolkit.serial;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Writes RTU frames: the address, the PDU, the CRC-16 low byte first (spec section 2.5.1.1), into the caller's
 * array or buffer, without allocating. Also the frame's layout (for tools that edit fields of a frame, such as a
 * fault injector) and {@link #reseal(byte[], int)} to recompute the CRC after such an edit. Stateless.
 */
public final class RtuFrameEncoder {
  /** Bytes before the PDU: the address. */
  public static final int HEADER_LENGTH = 1;
  /** Bytes after the PDU: the CRC. */
  public static final int CHECKSUM_LENGTH = 2;
  /** Where the address (unit id) is in a frame. */
  public static final int UNIT_ID_OFFSET = 0;

  private RtuFrameEncoder() {}

  /**
   * {@return the frame length for a PDU of {@code pduLength} bytes}
   *
   * @param pduLength the pdu length
   */
  public static int frameLength(int pduLength) {
    return HEADER_LENGTH + pduLength + CHECKSUM_LENGTH;
  }

  /**
   * Writes the frame of {@code unitId} and the PDU {@code pdu[pduOffset, pduOffset + pduLength)} into {@code out}
   * from {@code outOffset} and returns its length. {@code pdu} and {@code out} may be the same array if the PDU
   * sits one byte after {@code outOffset}.
   *
   * @param unitId the unit id (0..255)
   * @param pdu the PDU
   * @param pduOffset the pdu offset
   * @param pduLength the pdu length
   * @param out the buffer to write into
   * @param outOffset the out offset
   * @return the length of the frame written
   * @throws IndexOutOfBoundsException when {@code out} has no room for the frame
   */
  public static int encode(int unitId, byte[] pdu, int pduOffset, int pduLength, byte[] out, int outOffset) {
    Objects.checkFromIndexSize(pduOffset, pduLength, pdu.length);
    int length = frameLength(pduLength);
    Objects.checkFromIndexSize(outOffset, length, out.length);
    System.arraycopy(pdu, pduOffset, out, outOffset + HEADER_LENGTH, pduLength);
    out[outOffset] = (byte) unitId;
    ModbusCrc16.append(out, outOffset, HEADER_LENGTH + pduLength);
    return length;
  }

  /**
   * Writes the frame of {@code unitId} and {@code pdu}'s remaining bytes at {@code out}'s position, advancing it
   * (and not {@code pdu}'s), and returns the frame length.
   *
   * @param unitId the unit id (0..255)
   * @param pdu the PDU
   * @param out the buffer to write into
   * @return the length of the frame written
   * @throws BufferOverflowException when {@code out} has no room for the frame
   */
  public static int encode(int unitId, ByteBuffer pdu, ByteBuffer out) {
    int pduLength = pdu.remaining();
    int length = frameLength(pduLength);
    if (out.remaining() < length) {
      throw new BufferOverflowException();
    }
    int start = out.position();
    out.put((byte) unitId);
    // absolute bulk put: neither buffer's position moves, and no duplicate is allocated
    out.put(start + HEADER_LENGTH, pdu, pdu.position(), pduLength);
    out.position(start + HEADER_LENGTH + pduLength);
    int crc = ModbusCrc16.compute(out, start, HEADER_LENGTH + pduLength);
    out.put((byte) crc);
    out.put((byte) (crc >>> 8));
    return length;
  }

  /**
   * Rewrites the CRC of the {@code length}-byte frame in {@code frame} from its other bytes (3 bytes at least).
   *
   * @param frame the frame
   * @param length the number of bytes
   */
  public static void reseal(byte[] frame, int length) {
    if (length >= HEADER_LENGTH + CHECKSUM_LENGTH) {
      ModbusCrc16.append(frame, 0, length - CHECKSUM_LENGTH);
    }
  }
}
