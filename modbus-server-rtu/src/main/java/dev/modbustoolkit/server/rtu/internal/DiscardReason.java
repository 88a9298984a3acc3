package dev.modbustoolkit.server.rtu.internal;

/** Why bytes on the bus were dropped without forming a frame. */
public enum DiscardReason {
  /** Complete frame length but wrong CRC (RTU) or LRC (ASCII). */
  BAD_CHECKSUM,
  /**
   * The frame was cut short: a silence longer than t1.5 inside it (RTU), the end-of-frame silence before its
   * length was reached, or the ASCII inter-character timeout.
   */
  INCOMPLETE,
  /** ASCII only: a character that is not a hex digit, an odd number of digits, CR without LF, or overlength. */
  MALFORMED,
  /** ASCII only: characters outside any frame (before a ':'). */
  NOISE;

  /** Whether the spec's bus communication error counter counts this: every reason but noise between frames. */
  public boolean isCommunicationError() {
    return this != NOISE;
  }
}
