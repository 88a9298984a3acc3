package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.FrameFormat;

/**
 * The MBAP framing as the fault pipeline sees it: transaction id at 0, length field at 4, unit id at 6, function
 * code at 7, no checksum. Resealing makes the length field match the (possibly mutated) frame again.
 */
public final class MbapFrameFormat implements FrameFormat {
  /** The one instance: the format has no state. */
  public static final MbapFrameFormat INSTANCE = new MbapFrameFormat();

  /** Transaction id, protocol id, length field, unit id (Messaging on TCP/IP Implementation Guide 3.1.3). */
  static final int HEADER_LENGTH = 7;

  /** Offset of the MBAP length field. */
  static final int LENGTH_FIELD_OFFSET = 4;

  /** The length field counts the unit id and the PDU: every byte after the length field itself. */
  private static final int BYTES_NOT_COUNTED = LENGTH_FIELD_OFFSET + 2;

  private MbapFrameFormat() {}

  @Override
  public int headerLength() {
    return HEADER_LENGTH;
  }

  @Override
  public int checksumLength() {
    return 0;
  }

  @Override
  public int unitIdOffset() {
    return 6;
  }

  @Override
  public int transactionIdOffset() {
    return 0;
  }

  @Override
  public int lengthFieldOffset() {
    return LENGTH_FIELD_OFFSET;
  }

  @Override
  public void reseal(byte[] frame, int length) {
    if (length < BYTES_NOT_COUNTED) {
      // Too short to carry a length field: nothing to make consistent.
      return;
    }
    int value = length - BYTES_NOT_COUNTED;
    frame[LENGTH_FIELD_OFFSET] = (byte) (value >>> 8);
    frame[LENGTH_FIELD_OFFSET + 1] = (byte) value;
  }

  @Override
  public String toString() {
    return "FrameFormat[MBAP]";
  }
}
