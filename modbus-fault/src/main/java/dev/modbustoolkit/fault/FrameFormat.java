package dev.modbustoolkit.fault;

/**
 * The layout of one transport's frames, implemented by the transport, so the pipeline can change fields of a
 * response frame without knowing the framing. Offsets are byte offsets in the frame as sent; -1 means the field
 * does not exist in this framing (the matching action is then a no-op).
 *
 * <p>Modbus TCP: header 7 (MBAP), transaction id at 0, length field at 4, unit id at 6, no checksum. RTU: header 1
 * (address), unit id at 0, checksum 2 (CRC-16/Modbus, low byte first), character time = 11 bits / baud rate.
 */
public interface FrameFormat {

  /** {@return number of bytes before the function code (TCP 7, RTU 1)} The byte count, when any, follows the code. */
  int headerLength();

  /** {@return number of check bytes after the PDU (RTU 2, TCP 0)} */
  int checksumLength();

  /**
   * Offset of the unit id / slave address.
   *
   * @return the unit id offset
   */
  int unitIdOffset();

  /**
   * Offset of the 16-bit transaction id, or -1.
   *
   * @return the transaction id offset
   */
  int transactionIdOffset();

  /**
   * Offset of the 16-bit MBAP length field, or -1.
   *
   * @return the length field offset
   */
  int lengthFieldOffset();

  /**
   * Duration of one character on the line in nanoseconds (RTU: 11 bits / baud), used for gaps given in
   * characters; 0 when the transport has no character timing, in which case 9600 baud is assumed.
   *
   * @return the character time nanos
   */
  default long characterTimeNanos() {
    return 0;
  }

  /**
   * Makes the first {@code length} bytes of {@code frame} a consistent frame again after a field changed:
   * recomputes the checksum (RTU: CRC over all bytes but the last two, written low byte first) and/or the MBAP
   * length field ({@code length - 6}). Called at most once per plan, before the checksum / length faults.
   *
   * @param frame the frame
   * @param length the number of bytes
   */
  void reseal(byte[] frame, int length);
}
