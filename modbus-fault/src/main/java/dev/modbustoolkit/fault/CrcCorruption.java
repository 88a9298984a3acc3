package dev.modbustoolkit.fault;

/**
 * How the RTU check field is corrupted. Whatever the mode, the result always differs from the correct value:
 * should a mode leave it unchanged (zeroing a CRC that was 0x0000, swapping two equal bytes), the low bit of the
 * last byte is flipped.
 */
public enum CrcCorruption {
  /** All check bytes become 0x00. */
  ZERO,
  /** Every bit of the check field is inverted. */
  INVERT,
  /** The check value (as the little-endian 16-bit CRC on the wire) is XORed with a mask. */
  XOR,
  /** The two CRC bytes change places (high byte sent first). */
  SWAP
}
