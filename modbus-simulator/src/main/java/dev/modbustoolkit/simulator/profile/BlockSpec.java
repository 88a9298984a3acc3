package dev.modbustoolkit.simulator.profile;

import java.util.Objects;

/**
 * A run of addresses that exist in one table; addresses outside every block of a table answer exception 02.
 *
 * @param start the first address, 0..65535
 * @param count the number of addresses, 1..65536, with {@code start + count <= 65536}
 * @param access what clients may do with them (points inside may narrow it)
 */
public record BlockSpec(int start, int count, Access access) {

  /** Checks the range. */
  public BlockSpec {
    if (start < 0 || start > 0xFFFF) {
      throw new IllegalArgumentException("start " + start + " out of range 0..65535");
    }
    if (count < 1 || count > 0x10000 - start) {
      throw new IllegalArgumentException("count " + count + " out of range 1.." + (0x10000 - start)
          + " for start " + start);
    }
    Objects.requireNonNull(access, "access");
  }

  /** {@return the last address of the block (inclusive)} */
  public int last() {
    return start + count - 1;
  }
}
