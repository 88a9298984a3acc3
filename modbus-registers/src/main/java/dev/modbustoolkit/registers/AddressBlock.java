package dev.modbustoolkit.registers;

import java.util.Objects;

/**
 * A run of consecutive existing addresses sharing one access rule, as reported by {@code blocks()}.
 *
 * @param start first address, 0..65535
 * @param count number of addresses, at least 1, {@code start + count <= 65536}
 * @param rule the access rule of every address in the run
 */
public record AddressBlock(int start, int count, AccessRule rule) {

  /** Validates the range. */
  public AddressBlock {
    if (start < 0 || start > 0xFFFF) {
      throw new IllegalArgumentException("start must be 0..65535: " + start);
    }
    if (count < 1 || count > 0x10000 - start) {
      throw new IllegalArgumentException(
          "count must be 1.." + (0x10000 - start) + " for start " + start + ": " + count);
    }
    Objects.requireNonNull(rule, "rule");
  }

  /** {@return the last address of the run (inclusive)} */
  public int last() {
    return start + count - 1;
  }

  /**
   * {@return whether {@code address} lies in this run}
   *
   * @param address the first address (0-based, as on the wire)
   */
  public boolean contains(int address) {
    return address >= start && address - start < count;
  }
}
