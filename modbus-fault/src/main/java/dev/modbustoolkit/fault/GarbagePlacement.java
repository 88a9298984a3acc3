package dev.modbustoolkit.fault;

/** Where garbage bytes go relative to the response frame. */
public enum GarbagePlacement {
  /** Before the first byte of the frame. */
  BEFORE,
  /** After its last byte. */
  AFTER,
  /** Both (the same bytes). */
  BOTH
}
