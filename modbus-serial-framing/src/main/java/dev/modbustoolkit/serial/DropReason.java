package dev.modbustoolkit.serial;

/**
 * Why a decoder dropped bytes without forming a frame. One reason per stretch of dropped bytes: the reason of its
 * first byte.
 */
public enum DropReason {
  /** RTU: a complete candidate frame of known length whose CRC does not match. */
  BAD_CRC,
  /**
   * Longer than a frame may be: an RTU function code announcing more than 256 bytes, or more ASCII hex digits than
   * the longest frame (address, 253-byte PDU, LRC) has.
   */
  TOO_LONG,
  /**
   * RTU: bytes that start no frame: a frame of unknown length whose CRC fails up to the next valid frame, or bytes
   * found to be garbage by looking ahead.
   */
  GARBAGE,
  /**
   * Cut short: a silence longer than t1.5 inside an RTU frame, the end-of-frame silence before its length was
   * reached, the ASCII inter-character timeout, or an ASCII ':' before the end of the frame.
   */
  INCOMPLETE,
  /** ASCII: a complete frame whose LRC does not match. */
  BAD_LRC,
  /** ASCII: a character that is not a hex digit inside a frame, or an odd number of hex digits. */
  BAD_HEX,
  /** ASCII: CR not followed by the delimiter (LF, unless Diagnostics 08/03 changed it). */
  MISSING_DELIMITER,
  /**
   * ASCII: fewer than the 3 bytes of address, function code and LRC; RTU read strictly ({@link
   * StrictRtuFrameDecoder}): fewer than 4 bytes between two t3.5 silences.
   */
  TOO_SHORT,
  /** ASCII: characters outside any frame (before a ':'). */
  NOISE;

  /**
   * {@return whether the spec's bus communication error counter counts this: every reason but noise between frames}
   */
  public boolean isCommunicationError() {
    return this != NOISE;
  }
}
